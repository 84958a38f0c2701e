package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Separate processes racing to upgrade one database: the advisory lock makes them queue. */
class ConcurrencyTest {
    @TempDir
    Path dir;

    private Process start(Cli cli, Path log, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(cli.project.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DATABASE_URL", cli.environment.get("DATABASE_URL"));
        return pb.start();
    }

    @Test
    void eightProcessesApplyEachMigrationExactlyOnce() throws Exception {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        List<String> ids = cli.chain(20);
        // One Java migration, so that every process also compiles (into one shared cache) at the same time.
        cli.write("migrations/versions/ccc000000021_java.java", """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "ccc000000021", down = "%s", message = "java step")
                class JavaStep_ccc000000021 implements Migration {
                    public void upgrade(Operations op) {
                        op.execute("INSERT INTO applied_log VALUES ('ccc000000021')");
                    }
                    public void downgrade(Operations op) {
                        op.execute("DELETE FROM applied_log WHERE rev = 'ccc000000021'");
                    }
                }
                """.formatted(ids.get(ids.size() - 1)));
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Path log = dir.resolve("run-" + i + ".log");
            logs.add(log);
            processes.add(start(cli, log, "upgrade", "head"));
        }
        int waited = 0;
        for (int i = 0; i < processes.size(); i++) {
            Process p = processes.get(i);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String output = Files.readString(logs.get(i));
            assertThat(p.exitValue()).as(output).isZero();
            if (output.contains("Waiting for another retort run")) {
                waited++;
            }
        }
        assertThat(cli.column("SELECT rev FROM applied_log ORDER BY rev")).hasSize(21).doesNotHaveDuplicates();
        assertThat(cli.versions()).containsExactly("ccc000000021");
        assertThat(waited).as("at least one process queued behind the lock").isPositive();
    }

    @Test
    void concurrentIndexBuildDoesNotDeadlockOnTheLock() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "table", "CREATE TABLE big (id int, v text);\nINSERT INTO big SELECT g, g::text FROM generate_series(1, 1000) g;", "DROP TABLE big;");
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "index",
                "-- +autocommit\nCREATE INDEX CONCURRENTLY ix_big_v ON big (v);\n-- +end-autocommit\nALTER TABLE big ADD COLUMN w int;",
                "-- +autocommit\nDROP INDEX CONCURRENTLY ix_big_v;\n-- +end-autocommit\nALTER TABLE big DROP COLUMN w;");
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT indexname FROM pg_indexes WHERE tablename = 'big'")).containsExactly("ix_big_v");
        assertThat(cli.column("SELECT indisvalid::text FROM pg_index WHERE indexrelid = 'ix_big_v'::regclass")).containsExactly("true");
        cli.ok("downgrade", "-1");
        assertThat(cli.column("SELECT indexname FROM pg_indexes WHERE tablename = 'big'")).isEmpty();
    }
}
