import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a history of N migrations (each: one table of 5 columns and one index) into DIR/migrations/versions.
 *
 * <p>Usage: {@code java bench/GenerateHistory.java N DIR [--java] [--branch-every K] [--psql] [--alembic]
 * [--flyway] [--liquibase]}
 * <ul>
 *   <li>without options: a linear history of SQL migrations;
 *   <li>{@code --java}: Java migrations (the operations API) instead of SQL files;
 *   <li>{@code --branch-every K}: mostly a chain, but every K revisions a side branch of two revisions
 *       starts, and it is merged back three revisions later by a merge revision with two down revisions
 *       (no body, as {@code retort merge} writes it); N counts every revision, merges included;
 *   <li>{@code --psql}: also writes DIR/up.sql (every upgrade body, in order) and DIR/down.sql (every downgrade
 *       body, in reverse order): the same DDL for plain {@code psql -f}.
 *   <li>{@code --alembic}: also writes the same history as Alembic revision scripts into DIR/alembic/versions,
 *       each statement an {@code op.execute}.
 *   <li>{@code --flyway}: also writes the upgrades as Flyway versioned migrations,
 *       {@code DIR/flyway/V<i>__table_<i>.sql} (no undo scripts: Flyway's undo is a paid feature).
 *   <li>{@code --liquibase}: also writes {@code DIR/liquibase/changelog.xml}, a master changelog that includes
 *       one "formatted SQL" changelog per migration, {@code DIR/liquibase/table_<i>.sql} (one changeset, its
 *       downgrade as {@code --rollback} lines).
 * </ul>
 * {@code --flyway} and {@code --liquibase} write linear histories only (not with {@code --branch-every}).
 */
public class GenerateHistory {
    /** Side-branch length, and how many main-line revisions come between the branch point and the merge. */
    private static final int SIDE = 2;
    private static final int MAIN = 2;

    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        boolean java = false;
        boolean psql = false;
        boolean alembic = false;
        boolean flyway = false;
        boolean liquibase = false;
        int branchEvery = 0;
        for (int a = 2; a < args.length; a++) {
            switch (args[a]) {
                case "--java" -> java = true;
                case "--psql" -> psql = true;
                case "--alembic" -> alembic = true;
                case "--flyway" -> flyway = true;
                case "--liquibase" -> liquibase = true;
                case "--branch-every" -> branchEvery = Integer.parseInt(args[++a]);
                default -> throw new IllegalArgumentException("unknown option " + args[a]);
            }
        }
        if ((flyway || liquibase) && branchEvery > 0) {
            throw new IllegalArgumentException("--flyway and --liquibase write linear histories only");
        }
        Path versions = dir.resolve("migrations").resolve("versions");
        Files.createDirectories(versions);
        Path alembicVersions = dir.resolve("alembic").resolve("versions");
        if (alembic) {
            Files.createDirectories(alembicVersions);
        }
        Path flywayDir = dir.resolve("flyway");
        if (flyway) {
            Files.createDirectories(flywayDir);
        }
        Path liquibaseDir = dir.resolve("liquibase");
        StringBuilder changelog = new StringBuilder();
        if (liquibase) {
            Files.createDirectories(liquibaseDir);
        }
        StringBuilder up = new StringBuilder();
        List<String> downs = new ArrayList<>();

        String main = null;      // tip of the main line
        String side = null;      // tip of the open side branch, if any
        int sideLeft = 0;        // side-branch revisions still to write
        int mainLeft = 0;        // main-line revisions to write before the merge
        for (int i = 1; i <= n; i++) {
            String id = String.format("%012x", 0xb0000000000L + i);
            boolean open = side != null || sideLeft > 0;
            if (!open && branchEvery > 0 && i % branchEvery == 0 && i + SIDE + MAIN <= n) {
                sideLeft = SIDE;
                mainLeft = MAIN;
                open = true;
            }
            List<String> parents;
            if (open && sideLeft > 0) {
                parents = parents(side != null ? side : main);
                side = id;
                sideLeft--;
            } else if (open && mainLeft > 0) {
                parents = parents(main);
                main = id;
                mainLeft--;
            } else if (open) {
                Files.writeString(versions.resolve(id + "_merge_" + i + (java ? ".java" : ".sql")),
                        java ? javaMerge(id, main, side, i) : sqlMerge(id, main, side, i));
                if (alembic) {
                    Files.writeString(alembicVersions.resolve(id + "_merge_" + i + ".py"),
                            alembicScript(id, List.of(main, side), "merge " + i, List.of(), List.of()));
                }
                main = id;
                side = null;
                continue;
            } else {
                parents = parents(main);
                main = id;
            }
            String create = createSql(i);
            String drop = "DROP TABLE t_" + i + ";\n";
            up.append(create);
            downs.add(drop);
            Files.writeString(versions.resolve(id + "_table_" + i + (java ? ".java" : ".sql")),
                    java ? javaTable(id, parents, i) : sqlTable(id, parents, i, create, drop));
            if (alembic) {
                Files.writeString(alembicVersions.resolve(id + "_table_" + i + ".py"),
                        alembicScript(id, parents, "table " + i, statements(create), statements(drop)));
            }
            if (flyway) {
                Files.writeString(flywayDir.resolve("V" + i + "__table_" + i + ".sql"), create);
            }
            if (liquibase) {
                Files.writeString(liquibaseDir.resolve("table_" + i + ".sql"), liquibaseSql(i, create, drop));
                changelog.append("    <include file=\"table_").append(i)
                        .append(".sql\" relativeToChangelogFile=\"true\"/>\n");
            }
        }
        if (liquibase) {
            Files.writeString(liquibaseDir.resolve("changelog.xml"), """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                            xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                                http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                    %s</databaseChangeLog>
                    """.formatted(changelog));
        }
        if (psql) {
            Files.writeString(dir.resolve("up.sql"), up);
            StringBuilder down = new StringBuilder();
            for (int k = downs.size() - 1; k >= 0; k--) {
                down.append(downs.get(k));
            }
            Files.writeString(dir.resolve("down.sql"), down);
        }
    }

    private static List<String> parents(String id) {
        return id == null ? List.of() : List.of(id);
    }

    private static String createSql(int i) {
        return """
                CREATE TABLE t_%1$d (id bigint PRIMARY KEY, name varchar(100) NOT NULL, qty integer DEFAULT 0,
                    price numeric(10,2), created_at timestamptz NOT NULL DEFAULT now());
                CREATE INDEX ix_t_%1$d_name ON t_%1$d (name);
                """.formatted(i);
    }

    /** The statements of a body, without their semicolons. */
    private static List<String> statements(String body) {
        List<String> statements = new ArrayList<>();
        for (String statement : body.split(";\n")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return statements;
    }

    /** An Alembic revision script in the form {@code alembic revision} writes, each statement an op.execute. */
    private static String alembicScript(String id, List<String> parents, String message, List<String> up,
            List<String> down) {
        String downRevision = parents.isEmpty() ? "None"
                : parents.size() == 1 ? "'" + parents.get(0) + "'"
                : "(" + String.join(", ", parents.stream().map(p -> "'" + p + "'").toList()) + ")";
        return """
                \"\"\"%3$s

                Revision ID: %1$s
                Revises: %4$s
                \"\"\"
                from alembic import op

                revision = '%1$s'
                down_revision = %2$s
                branch_labels = None
                depends_on = None


                def upgrade():
                %5$s

                def downgrade():
                %6$s""".formatted(id, downRevision, message, String.join(", ", parents), pythonBody(up), pythonBody(down));
    }

    private static String pythonBody(List<String> statements) {
        if (statements.isEmpty()) {
            return "    pass\n";
        }
        StringBuilder body = new StringBuilder();
        for (String statement : statements) {
            body.append("    op.execute(\"\"\"").append(statement).append("\"\"\")\n");
        }
        return body.toString();
    }

    /** A Liquibase "formatted SQL" changelog of one changeset, its downgrade as {@code --rollback} lines. */
    private static String liquibaseSql(int i, String create, String drop) {
        return "--liquibase formatted sql\n\n--changeset bench:table_" + i + "\n" + create
                + drop.lines().map(line -> "--rollback " + line + "\n").collect(Collectors.joining());
    }

    private static String sqlTable(String id, List<String> parents, int i, String create, String drop) {
        return """
                -- revision: %s
                -- down_revision: %s
                -- message: table %d
                -- +upgrade
                %s-- +downgrade
                %s""".formatted(id, parents.isEmpty() ? "none" : String.join(", ", parents), i, create, drop);
    }

    private static String sqlMerge(String id, String main, String side, int i) {
        return """
                -- revision: %s
                -- down_revision: %s, %s
                -- message: merge %d

                -- +upgrade

                -- +downgrade
                """.formatted(id, main, side, i);
    }

    private static String javaTable(String id, List<String> parents, int i) {
        String down = parents.isEmpty() ? "{}" : "\"" + parents.get(0) + "\"";
        return """
                import static dev.retort.operation.Operations.column;
                import static dev.retort.operation.Operations.primaryKey;

                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                /** table %3$d */
                @Revision(
                        id = "%1$s",
                        down = %2$s,
                        message = "table %3$d",
                        created = "2026-01-01T00:00:00")
                class Table%3$d_%1$s implements Migration {
                    @Override
                    public void upgrade(Operations op) {
                        op.createTable("t_%3$d",
                                column("id", "bigint").notNull(),
                                column("name", "varchar(100)").notNull(),
                                column("qty", "integer").defaultExpression("0"),
                                column("price", "numeric(10,2)"),
                                column("created_at", "timestamptz").notNull().defaultExpression("now()"),
                                primaryKey("id"));
                        op.createIndex("ix_t_%3$d_name", "t_%3$d", "name");
                    }

                    @Override
                    public void downgrade(Operations op) {
                        op.dropTable("t_%3$d");
                    }
                }
                """.formatted(id, down, i);
    }

    private static String javaMerge(String id, String main, String side, int i) {
        return """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                /** merge %3$d */
                @Revision(
                        id = "%1$s",
                        down = {"%2$s", "%4$s"},
                        message = "merge %3$d",
                        created = "2026-01-01T00:00:00")
                class Merge%3$d_%1$s implements Migration {
                    @Override
                    public void upgrade(Operations op) {
                    }

                    @Override
                    public void downgrade(Operations op) {
                    }
                }
                """.formatted(id, main, i, side);
    }
}
