package dev.retort.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds a TCP port on the loopback address that nothing is listening on right now. */
final class FreePort {
    private FreePort() {
    }

    /**
     * Returns a port the operating system just handed out as free.
     *
     * <p>Another process may take it before the server binds it; the caller retries on a clash.
     */
    static int find() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Could not find a free TCP port on 127.0.0.1: " + e.getMessage(), e);
        }
    }
}
