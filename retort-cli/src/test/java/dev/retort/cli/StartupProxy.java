package dev.retort.cli;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Stands between a client and PostgreSQL as a connection pooler does at the start of each connection, one session
 * per client otherwise: it refuses a start-up parameter (PgBouncer's "unsupported startup parameter"), or drops it
 * (PgBouncer's {@code ignore_startup_parameters}). Only the start-up is read; the rest is passed on as it is.
 */
final class StartupProxy implements AutoCloseable {
    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;
    private final ServerSocket server;
    private final int upstreamPort;
    private final String parameter;
    private final boolean refuse;
    private final List<Socket> sockets = new ArrayList<>();

    private StartupProxy(int upstreamPort, String parameter, boolean refuse) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        this.parameter = parameter;
        this.refuse = refuse;
        Thread accepting = new Thread(this::accept, "startup-proxy");
        accepting.setDaemon(true);
        accepting.start();
    }

    /** A proxy to the server at {@code upstreamPort} that refuses connections whose start-up sets {@code parameter}. */
    static StartupProxy refusing(int upstreamPort, String parameter) throws IOException {
        return new StartupProxy(upstreamPort, parameter, true);
    }

    /** A proxy to the server at {@code upstreamPort} that leaves {@code parameter} out of every start-up. */
    static StartupProxy dropping(int upstreamPort, String parameter) throws IOException {
        return new StartupProxy(upstreamPort, parameter, false);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                synchronized (sockets) {
                    sockets.add(client);
                }
                Thread serving = new Thread(() -> serve(client), "startup-proxy-client");
                serving.setDaemon(true);
                serving.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            byte[] startup;
            int protocol;
            while (true) {
                int length = in.readInt();
                int code = in.readInt();
                if (code == SSL_REQUEST || code == GSS_REQUEST) {
                    out.write('N'); // no encryption here: ask again in plain text
                    out.flush();
                    continue;
                }
                startup = new byte[length - 8];
                in.readFully(startup);
                protocol = code;
                break;
            }
            List<String> pairs = new ArrayList<>();
            boolean found = false;
            String[] fields = new String(startup, StandardCharsets.UTF_8).split("\0");
            for (int i = 0; i + 1 < fields.length; i += 2) {
                if (fields[i].equals(parameter)) {
                    found = true;
                } else {
                    pairs.add(fields[i]);
                    pairs.add(fields[i + 1]);
                }
            }
            if (found && refuse) {
                out.write(error("08P01", "unsupported startup parameter: " + parameter));
                out.flush();
                client.close();
                return;
            }
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
            synchronized (sockets) {
                sockets.add(upstream);
            }
            upstream.getOutputStream().write(startupPacket(protocol, pairs));
            Thread back = new Thread(() -> pipe(upstream, client), "startup-proxy-back");
            back.setDaemon(true);
            back.start();
            pipe(client, upstream);
        } catch (IOException e) {
            // The client or the server went away: so does the other side.
        }
    }

    private static byte[] startupPacket(int protocol, List<String> pairs) {
        StringBuilder body = new StringBuilder();
        for (String field : pairs) {
            body.append(field).append('\0');
        }
        body.append('\0');
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + bytes.length).putInt(8 + bytes.length).putInt(protocol).put(bytes).array();
    }

    private static byte[] error(String state, String message) {
        String fields = "SFATAL\0VFATAL\0C" + state + "\0M" + message + "\0\0";
        byte[] bytes = fields.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(5 + bytes.length).put((byte) 'E').putInt(4 + bytes.length).put(bytes).array();
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // One side closed.
        } finally {
            try {
                to.close();
                from.close();
            } catch (IOException e) {
                // Closed already.
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            synchronized (sockets) {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
