package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A project directory and a real database for end-to-end tests: runs the command line in-process with
 * captured streams, writes migration files, and queries the database.
 */
final class Cli {
    final Path project;
    final String jdbcUrl;
    final Map<String, String> environment = new HashMap<>();

    Cli(Path project, String jdbcUrl) {
        this.project = project;
        this.jdbcUrl = jdbcUrl;
        write("retort.toml", "script_location = \"migrations\"\n");
        try {
            Files.createDirectories(project.resolve("migrations/versions"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        environment.put("DATABASE_URL", jdbcUrl + "?user=postgres");
    }

    /**
     * A project whose models are {@code schema.sql}, normalised in a dev database of its own (so that tests running at
     * once do not share one), on a fresh database.
     */
    static Cli withSchemaFile(Path project) {
        Cli cli = new Cli(project, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\ndev_url = \"" + TestPostgres.freshDatabase()
                + "?user=postgres\"\n");
        return cli;
    }

    /** Runs {@code revision --autogenerate -m message} with {@code more} arguments; returns the file it wrote. */
    Path autogenerate(String message, String... more) {
        List<String> args = new ArrayList<>(List.of("revision", "--autogenerate", "-m", message));
        args.addAll(List.of(more));
        Result generated = ok(args.toArray(String[]::new));
        Matcher file = Pattern.compile("Generating (\\S+) \\.\\.\\. done").matcher(generated.out());
        assertThat(file.find()).as(generated.toString()).isTrue();
        return project.resolve(file.group(1));
    }

    record Result(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(args, o, e, environment, project);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs as if a person at a terminal typed {@code input} in answer to questions. */
    Result runAnswering(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            Session session = new Session(o, e, new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                    true, environment, project);
            code = Main.run(args, session);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs and expects exit 0. */
    Result ok(String... args) {
        Result r = run(args);
        if (r.exitCode() != 0) {
            throw new AssertionError("expected success of " + String.join(" ", args) + "\n" + r);
        }
        return r;
    }

    Path write(String relative, String content) {
        try {
            Path file = project.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a SQL migration file. {@code down} is "none", an id, or ids separated by commas. */
    Path sql(String id, String down, String message, String upgrade, String downgrade) {
        return write("migrations/versions/" + id + "_" + message.replace(' ', '_') + ".sql",
                "-- revision: " + id + "\n-- down_revision: " + down + "\n-- message: " + message + "\n"
                        + "-- +upgrade\n" + upgrade + "\n-- +downgrade\n" + downgrade + "\n");
    }

    /** A linear history of SQL migrations, each creating table t_i (and logging itself), returning their ids. */
    List<String> chain(int n) {
        return chain(n, "");
    }

    /** Like {@link #chain(int)}, each upgrade starting with {@code first} (such as a pause) when it is not empty. */
    List<String> chain(int n, String first) {
        List<String> ids = new ArrayList<>();
        String down = "none";
        for (int i = 1; i <= n; i++) {
            String id = String.format("%012x", 0xa00000000000L + i);
            sql(id, down, "step " + i, (first.isEmpty() ? "" : first + "\n")
                    + "CREATE TABLE t_" + i + " (id int);\nINSERT INTO applied_log VALUES ('" + id + "');",
                    "DROP TABLE t_" + i + ";");
            ids.add(id);
            down = id;
        }
        execute("CREATE TABLE IF NOT EXISTS applied_log (rev text)");
        return ids;
    }

    Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        return DriverManager.getConnection(jdbcUrl, p);
    }

    void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> column(String query) {
        List<String> values = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }

    /**
     * Runs a printed script as {@code psql -v ON_ERROR_STOP=1} does: statement by statement, stopping at the first
     * error, whose open transaction then rolls back with the session. Returns that error's message, or null.
     */
    String runStoppingAtFirstError(String script) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            for (String statement : statements(script)) {
                try {
                    s.execute(statement);
                } catch (SQLException e) {
                    return e.getMessage();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return null;
    }

    /** The statements of a printed script, without its comments and their semicolons, as psql sends them. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        for (String part : script.split("\n\n")) {
            String sql = part.strip();
            if (!sql.isEmpty() && !sql.startsWith("-- ")) {
                statements.add(sql.substring(0, sql.length() - 1));
            }
        }
        return statements;
    }

    /** The version table's rows; empty when the table does not exist (nothing ever ran). */
    List<String> versions() {
        if (column("SELECT to_regclass('retort_version')::text").get(0) == null) {
            return List.of();
        }
        return column("SELECT version_num FROM retort_version ORDER BY 1");
    }

    /**
     * What a failed command must leave as it was: the schemas, relations and columns outside the system
     * catalogs, the version table's rows and the number of history rows, one per line.
     */
    String snapshot() {
        List<String> lines = new ArrayList<>();
        lines.addAll(column("SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' "
                + "AND nspname <> 'information_schema' ORDER BY 1"));
        lines.addAll(column("SELECT 'relation ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT LIKE 'pg\\_%' "
                + "AND n.nspname <> 'information_schema' ORDER BY 1"));
        lines.addAll(column("SELECT 'column ' || table_schema || '.' || table_name || '.' || column_name || ' ' "
                + "|| data_type FROM information_schema.columns WHERE table_schema NOT LIKE 'pg\\_%' "
                + "AND table_schema <> 'information_schema' ORDER BY 1"));
        versions().forEach(v -> lines.add("version " + v));
        if (column("SELECT to_regclass('retort_history')::text").get(0) != null) {
            lines.add("history rows " + column("SELECT count(*) FROM retort_history").get(0));
        }
        return String.join("\n", lines);
    }

    /**
     * Starts {@code retort ARGS} as a separate process in the project directory, with this project's environment,
     * its stdout and stderr both going to {@code log}. The JVM flags keep start-up cheap when dozens run at once.
     */
    Process start(Path log, String... args) {
        return start(new ProcessBuilder().redirectErrorStream(true).redirectOutput(log.toFile()), args);
    }

    /** Like {@link #start(Path, String...)}, with stdout going to {@code out} and stderr to {@code err}. */
    Process start(Path out, Path err, String... args) {
        return start(new ProcessBuilder().redirectOutput(out.toFile()).redirectError(err.toFile()), args);
    }

    private Process start(ProcessBuilder builder, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        builder.command(command).directory(project.toFile());
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean tableExists(String name) {
        return !column("SELECT 1 FROM pg_tables WHERE tablename = '" + name + "'").isEmpty();
    }
}
