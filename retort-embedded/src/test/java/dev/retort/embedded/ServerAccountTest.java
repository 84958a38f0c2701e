package dev.retort.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerAccountTest {

    @Test
    void rootHandsTheServerToNobodyThroughSetpriv() throws Exception {
        assumeTrue(TestDirectories.runningAsRoot(), "only root hands the server to another user");

        ServerAccount account = ServerAccount.detect();

        assertThat(account).isInstanceOf(ServerAccount.Unprivileged.class);
        List<String> command = account.command(List.of("/bin/initdb", "-D", "x"));

        assertThat(command.get(0)).endsWith("/setpriv");
        assertThat(command.subList(1, command.size())).containsExactly(
                "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", "/bin/initdb", "-D", "x");
    }

    @Test
    void anUnprivilegedJvmRunsTheServerItself() throws Exception {
        assumeTrue(!TestDirectories.runningAsRoot(), "runs as a regular user only");

        ServerAccount account = ServerAccount.detect();

        assertThat(account).isEqualTo(new ServerAccount.Current());
        assertThat(account.command(List.of("/bin/initdb"))).containsExactly("/bin/initdb");
    }

    @Test
    void nobodyReachesOnlyDirectoriesWhoseEveryAncestorOthersMayEnter() throws Exception {
        assumeTrue(TestDirectories.runningAsRoot(), "reachability matters only when root hands over");
        ServerAccount account = ServerAccount.detect();
        Path open = TestDirectories.shared("retort-reach-");
        Path closed = TestDirectories.ownerOnly("retort-reach-");
        try {
            Path deepOpen = Files.createDirectories(open.resolve("a/b"));
            Path underClosed = Files.createDirectories(closed.resolve("a/b"));
            Files.setPosixFilePermissions(underClosed, PosixFilePermissions.fromString("rwxr-xr-x"));

            assertThat(account.canReach(deepOpen)).isTrue();
            assertThat(account.canReach(closed)).isFalse();
            assertThat(account.canReach(underClosed)).isFalse();
            assertThat(account.firstReachable(List.of(underClosed, deepOpen))).contains(deepOpen);

            account.own(closed);
            assertThat(account.canReach(closed)).isTrue();
        } finally {
            FileTree.delete(open);
            FileTree.delete(closed);
        }
    }
}
