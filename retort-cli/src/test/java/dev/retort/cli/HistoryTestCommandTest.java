package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.embedded.EmbeddedPostgres;
import dev.retort.testkit.TestPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `retort test`: every migration up, down and up again on a scratch database, and the models at the end. */
class HistoryTestCommandTest {
    @TempDir
    Path dir;

    @AfterEach
    void discardTheProjectServer() {
        EmbeddedPostgres.discardProject(dir.resolve(".retort"));
    }

    private Cli project() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;");
        cli.sql("aaaaaaaaaaa2", "aaaaaaaaaaa1", "phone", "ALTER TABLE users ADD COLUMN phone varchar(20);",
                "ALTER TABLE users DROP COLUMN phone;");
        return cli;
    }

    @Test
    void aGoodHistoryPassesAndTheTargetIsUntouched() {
        Cli cli = project();
        Cli.Result r = cli.ok("test");
        assertThat(r.out()).contains("Tested 2 revision(s)");
        assertThat(cli.versions()).isEmpty();
    }

    @Test
    void aBrokenDowngradeIsNamed() {
        Cli cli = project();
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "broken down", "CREATE TABLE t (id int);", "DROP TABLE no_such_table;");
        Cli.Result r = cli.run("test");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("Downgrade failed").contains("aaaaaaaaaaa3").contains("no_such_table")
                .contains("2 revision(s) passed");
    }

    @Test
    void aJavaMigrationThatDoesNotCompileFailsTheTestBeforeAnyRevisionRuns() {
        // The revision before it would fail the test too, had it run: its downgrade drops what is not there.
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int);", "DROP TABLE no_such_table;");
        cli.write("migrations/versions/aaaaaaaaaaa2_typo.java", """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "aaaaaaaaaaa2", down = "aaaaaaaaaaa1", message = "typo")
                class Typo_aaaaaaaaaaa2 implements Migration {
                    public void upgrade(Operations op) {
                        op.exectue("SELECT 1");
                    }
                    public void downgrade(Operations op) {
                    }
                }
                """);

        Cli.Result r = cli.run("test");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("aaaaaaaaaaa2_typo.java:8").contains("cannot find symbol")
                .doesNotContain("no_such_table").doesNotContain("scratch database").doesNotContain("\tat ")
                .contains("\n0 revision(s) passed before it (");
    }

    @Test
    void aFailureNamesTheScratchDatabaseAndLeavesTheProjectsAlone() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.sql("aaaaaaaaaaa1", "none", "users", "CREATE TABLE users (id int);\nCREATE TABLE users (id int);",
                "DROP TABLE users;");
        Cli.Result r = cli.run("test");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        // Where the scratch database stays, not the project's; and no advice to stamp a database made before Retort,
        // which a scratch database made empty for the test never is.
        assertThat(r.err()).containsPattern("relation \"users\" already exists\\. The revision was rolled back; the "
                        + "scratch database retort_test_\\w+ stays at base \\(no revision\\)\\.\n")
                .containsPattern("\n0 revision\\(s\\) passed before it in the scratch database retort_test_\\w+, "
                        + "since dropped \\([^)]+\\); the project's database was not touched\\.\n")
                .doesNotContain("the database stays at").doesNotContain("retort stamp");
        assertThat(cli.versions()).isEmpty();
    }

    @Test
    void aRoleTheProjectsDatabaseMadeOnTheSameServerIsSaidToBelongToTheServer() {
        Cli cli = project();
        URI db = URI.create(cli.jdbcUrl.substring("jdbc:".length()));
        cli.write("retort.toml", "[test]\ndatabase_url = \"postgresql://postgres@" + db.getHost() + ":" + db.getPort()
                + "/postgres\"\n");
        // Roles belong to the server, which other tests share: a name of its own keeps it apart from theirs.
        String role = "owner_" + Long.toHexString(System.nanoTime());
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "owner", "CREATE ROLE " + role + " NOLOGIN;",
                "DROP ROLE " + role + ";");
        cli.ok("upgrade", "head");

        Cli.Result r = cli.run("test");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("failed at statement `CREATE ROLE " + role + " NOLOGIN`: ERROR: role \"" + role
                + "\" already exists.").contains(" Roles belong to the whole server, not to one database, so a role "
                + "made by another database on the server (your own, or that of another `retort test` running at the "
                + "same time) is there already: write the CREATE ROLE guarded (in a DO block that checks pg_roles "
                + "first), or set database_url in [test] to another server.\n")
                .contains("2 revision(s) passed before it in the scratch database retort_test_");
        assertThat(cli.versions()).containsExactly("aaaaaaaaaaa3");
        cli.ok("downgrade", "base");
        assertThat(cli.column("SELECT count(*) FROM pg_roles WHERE rolname = '" + role + "'")).containsExactly("0");
    }

    @Test
    void theRolesItsMigrationsMadeAreDroppedAndTheServersOwnAreLeftAlone() {
        Cli cli = onTheServerOfItsDatabase(project());
        // Roles belong to the server, which other tests share: names of their own keep them apart from theirs.
        String suffix = Long.toHexString(System.nanoTime());
        String admin = "admin_" + suffix;
        String owner = "owner_" + suffix;
        String reader = "reader_" + suffix;
        String kept = "kept_" + suffix;
        cli.execute("CREATE ROLE " + kept + " NOLOGIN");
        // Plain CREATE ROLE, which fails on a role a test before this one left behind. The grant admin made holds it
        // back until the grant goes, with owner or reader, which come after it in any order of names.
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "owner", String.join("\n",
                "CREATE ROLE " + owner + " NOLOGIN;",
                "CREATE ROLE " + admin + " NOLOGIN;",
                "CREATE ROLE " + reader + " NOLOGIN;",
                "GRANT " + owner + " TO " + admin + " WITH ADMIN OPTION;",
                "GRANT " + owner + " TO " + reader + " GRANTED BY " + admin + ";",
                "ALTER TABLE users OWNER TO " + owner + ";",
                "GRANT SELECT ON users TO " + kept + ";"), String.join("\n",
                "REVOKE SELECT ON users FROM " + kept + ";",
                "ALTER TABLE users OWNER TO CURRENT_USER;",
                "DROP ROLE " + reader + ";",
                "DROP ROLE " + admin + ";",
                "DROP ROLE " + owner + ";"));
        try {
            for (int run = 1; run <= 2; run++) {
                Cli.Result r = cli.run("test");

                assertThat(r.exitCode()).as(r.toString()).isZero();
                assertThat(r.err()).as("run " + run).contains("Dropped the roles " + owner + ", " + reader + ", "
                        + admin + ", made on the server while the test ran.\n").doesNotContain("warning");
                assertThat(cli.column("SELECT rolname FROM pg_roles WHERE rolname LIKE '%\\_" + suffix + "'"))
                        .containsExactly(kept);
            }
        } finally {
            cli.execute("DROP ROLE IF EXISTS " + kept);
        }
    }

    @Test
    void aRoleAMigrationMakesUnderANameItBuildsIsDroppedToo() {
        // No migration writes the name: the role is the test's because its own step's transaction made it.
        Cli cli = onTheServerOfItsDatabase(project());
        String role = "made_" + Long.toHexString(System.nanoTime());
        String name = "'made_' || '" + role.substring("made_".length()) + "'";
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "role",
                "DO $$BEGIN EXECUTE format('CREATE ROLE %I NOLOGIN', " + name + "); END$$;",
                "DO $$BEGIN EXECUTE format('DROP ROLE %I', " + name + "); END$$;");
        try {
            Cli.Result r = cli.run("test");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).contains("Dropped the role " + role + ", made on the server while the test ran.\n")
                    .doesNotContain("warning");
            assertThat(cli.column("SELECT rolname FROM pg_roles WHERE rolname = '" + role + "'")).isEmpty();
        } finally {
            cli.execute("DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void aRoleMadeInADoBlockWithAnExceptionHandlerIsDroppedToo() {
        // The usual guard of a CREATE ROLE: its EXCEPTION clause runs the block in a subtransaction, whose own
        // transaction id is what the role's row carries, not the one of the step's history row.
        Cli cli = onTheServerOfItsDatabase(project());
        String role = "guarded_" + Long.toHexString(System.nanoTime());
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "role", "DO $$BEGIN CREATE ROLE " + role + " NOLOGIN; "
                + "EXCEPTION WHEN duplicate_object THEN RAISE NOTICE 'there already'; END$$;",
                "DROP ROLE " + role + ";");
        try {
            Cli.Result r = cli.run("test");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).contains("Dropped the role " + role + ", made on the server while the test ran.\n")
                    .doesNotContain("warning");
            assertThat(cli.column("SELECT rolname FROM pg_roles WHERE rolname = '" + role + "'")).isEmpty();
        } finally {
            cli.execute("DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void aRoleMadeInAnAutocommitPartIsDroppedWhenItsMigrationNamesIt() {
        // Each statement of the part is a transaction of its own, after the step began and before its last one, where
        // its history row is: a role made there under a name the migration writes is the step's. One whose name the
        // migration builds could be another job's, made at the same time, and is left.
        Cli cli = onTheServerOfItsDatabase(project());
        String suffix = Long.toHexString(System.nanoTime());
        String named = "auto_" + suffix;
        String built = "built_" + suffix;
        String name = "'built_' || '" + suffix + "'";
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "roles", "CREATE TABLE before_the_part (id int);\n-- +autocommit\n"
                + "CREATE ROLE " + named + " NOLOGIN;\nDO $$BEGIN EXECUTE format('CREATE ROLE %I NOLOGIN', " + name
                + "); END$$;\n-- +end-autocommit\nCREATE TABLE after_the_part (id int);",
                "DROP TABLE after_the_part, before_the_part;\nDROP ROLE " + named + ";\n"
                + "DO $$BEGIN EXECUTE format('DROP ROLE %I', " + name + "); END$$;");
        try {
            Cli.Result r = cli.run("test");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).contains("Dropped the role " + named + ", made on the server while the test ran.\n")
                    .contains("warning: `retort test` left the role " + built + ", which appeared on the server while "
                            + "the test ran but not in a transaction of the test's migrations (another job's on this "
                            + "server, or made outside a step's transaction under a name its migration does not "
                            + "write): drop it by hand if the test made it.\n");
            assertThat(cli.column("SELECT rolname FROM pg_roles WHERE rolname LIKE '%\\_" + suffix + "'"))
                    .containsExactly(built);
        } finally {
            cli.execute("DROP ROLE IF EXISTS " + named);
            cli.execute("DROP ROLE IF EXISTS " + built);
        }
    }

    @Test
    void aTestUserThatMayNotReadPgAuthidStillDropsTheRolesItsMigrationsName() {
        // A CREATEROLE user, not a superuser, as a CI server's test user often is: pg_authid is closed to it.
        Cli cli = project();
        String suffix = Long.toHexString(System.nanoTime());
        String tester = "tester_" + suffix;
        String role = "owner_" + suffix;
        cli.execute("CREATE ROLE " + tester + " LOGIN CREATEDB CREATEROLE");
        URI db = URI.create(cli.jdbcUrl.substring("jdbc:".length()));
        cli.write("retort.toml", "[test]\ndatabase_url = \"postgresql://" + tester + "@" + db.getHost() + ":"
                + db.getPort() + "/postgres\"\n");
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "role", "CREATE ROLE " + role + " NOLOGIN;", "DROP ROLE " + role + ";");
        try {
            Cli.Result r = cli.run("test");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).contains("Dropped the role " + role + ", made on the server while the test ran.\n")
                    .doesNotContain("warning");
            assertThat(cli.column("SELECT rolname FROM pg_roles WHERE rolname = '" + role + "'")).isEmpty();
        } finally {
            cli.execute("DROP ROLE IF EXISTS " + role);
            cli.execute("DROP ROLE IF EXISTS " + tester);
        }
    }

    @Test
    void aRoleAnotherJobMakesWhileTheTestRunsIsLeftThoughTheMigrationsNameIt() throws Exception {
        // Two jobs test the same migrations on one server: the other one makes the role while this one sleeps, and
        // this one's guarded CREATE ROLE then finds it there. It is the other job's, which still needs it.
        Cli cli = onTheServerOfItsDatabase(project());
        String role = "shared_" + Long.toHexString(System.nanoTime());
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "slow", "SELECT pg_sleep(3);", "SELECT 1;");
        cli.sql("aaaaaaaaaaa4", "aaaaaaaaaaa3", "role", "DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE "
                + "rolname = '" + role + "') THEN CREATE ROLE " + role + " NOLOGIN; END IF; END$$;\n"
                + "ALTER ROLE " + role + " CONNECTION LIMIT 5;", "SELECT 1;");
        try {
            CompletableFuture<Cli.Result> test = CompletableFuture.supplyAsync(() -> cli.run("test"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (cli.column("SELECT pid FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(3)%' AND datname "
                    + "LIKE 'retort\\_test\\_%'").isEmpty()) {
                assertThat(test).as("the test sleeps in its migration").isNotDone();
                assertThat(System.nanoTime()).as("the test sleeps in its migration").isLessThan(deadline);
                Thread.sleep(20);
            }
            cli.execute("CREATE ROLE " + role + " NOLOGIN");
            Cli.Result r = test.get(60, TimeUnit.SECONDS);

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).contains("warning: `retort test` left the role " + role + ", which appeared on the "
                    + "server while the test ran but not in a transaction of the test's migrations (another job's on "
                    + "this server, or made outside a step's transaction under a name its migration does not write): "
                    + "drop it by hand if the test made it.\n")
                    .doesNotContain("Dropped");
            assertThat(cli.column("SELECT rolname FROM pg_roles WHERE rolname = '" + role + "'")).containsExactly(role);
        } finally {
            cli.execute("DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void aRoleThatWasThereBeforeIsLeftEvenWhenAMigrationRenamesIt() {
        Cli cli = onTheServerOfItsDatabase(project());
        String suffix = Long.toHexString(System.nanoTime());
        String before = "old_" + suffix;
        String after = "new_" + suffix;
        cli.execute("CREATE ROLE " + before + " NOLOGIN");
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "rename", "ALTER ROLE " + before + " RENAME TO " + after + ";",
                "ALTER ROLE " + after + " RENAME TO " + before + ";");
        try {
            Cli.Result r = cli.run("test");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.err()).contains("warning: `retort test` left the role " + after + ", named " + before
                    + " when the test began: rename it back by hand if the test's migrations renamed it.\n")
                    .doesNotContain("Dropped");
            assertThat(cli.column("SELECT rolname FROM pg_roles WHERE rolname IN ('" + before + "', '" + after
                    + "')")).containsExactly(after);
        } finally {
            cli.execute("DROP ROLE IF EXISTS " + before);
            cli.execute("DROP ROLE IF EXISTS " + after);
        }
    }

    @Test
    void aRoleWithAPrivilegeElsewhereOnTheServerIsNamedAndTheOthersStillGo() {
        Cli cli = onTheServerOfItsDatabase(project());
        String suffix = Long.toHexString(System.nanoTime());
        String granted = "granted_" + suffix;
        String plain = "plain_" + suffix;
        String elsewhere = cli.column("SELECT current_database()").get(0);
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "roles", "CREATE ROLE " + granted + " NOLOGIN;\nCREATE ROLE " + plain
                + " NOLOGIN;\nGRANT CONNECT ON DATABASE " + elsewhere + " TO " + granted + ";", "REVOKE CONNECT ON "
                + "DATABASE " + elsewhere + " FROM " + granted + ";\nDROP ROLE " + granted + ", " + plain + ";");
        try {
            Cli.Result r = cli.run("test");

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).contains("Tested 3 revision(s)");
            assertThat(r.err()).contains("Dropped the role " + plain + ", made on the server while the test ran.\n")
                    .contains("warning: `retort test` could not drop the role " + granted + ", made while the test "
                            + "ran (ERROR: role \"" + granted + "\" cannot be dropped because some objects depend on "
                            + "it: privileges for database " + elsewhere + "): drop it by hand.\n");
            assertThat(cli.column("SELECT rolname FROM pg_roles WHERE rolname LIKE '%\\_" + suffix + "'"))
                    .containsExactly(granted);
        } finally {
            cli.execute("REVOKE CONNECT ON DATABASE " + elsewhere + " FROM " + granted);
            cli.execute("DROP ROLE IF EXISTS " + granted);
        }
    }

    /** {@code cli}, its scratch databases made on the server of its own database rather than in the embedded one. */
    private static Cli onTheServerOfItsDatabase(Cli cli) {
        URI db = URI.create(cli.jdbcUrl.substring("jdbc:".length()));
        cli.write("retort.toml", "[test]\ndatabase_url = \"postgresql://postgres@" + db.getHost() + ":" + db.getPort()
                + "/postgres\"\n");
        return cli;
    }

    @Test
    void aDuplicateObjectThatIsNoRoleGetsNoWordAboutRoles() {
        Cli cli = project();
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "twice", "CREATE TYPE mood AS ENUM ('ok');\n"
                + "CREATE TYPE mood AS ENUM ('ok');", "DROP TYPE mood;");
        Cli.Result r = cli.run("test");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("type \"mood\" already exists").doesNotContain("Roles belong");
    }

    @Test
    void aRevisionThatCannotBeRevertedIsOnlyAppliedAndTheRestAreStillTested() {
        Cli cli = project();
        cli.write("migrations/versions/aaaaaaaaaaa3_keep.sql", "-- revision: aaaaaaaaaaa3\n"
                + "-- down_revision: aaaaaaaaaaa2\n-- +upgrade\nCREATE TABLE kept (id int);\n");
        cli.sql("aaaaaaaaaaa4", "aaaaaaaaaaa3", "broken down", "CREATE TABLE t (id int);", "DROP TABLE no_such_table;");
        Cli.Result r = cli.run("test");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("Downgrade failed").contains("aaaaaaaaaaa4").contains("3 revision(s) passed");

        cli.sql("aaaaaaaaaaa4", "aaaaaaaaaaa3", "broken down", "CREATE TABLE t (id int);", "DROP TABLE t;");
        assertThat(cli.ok("test").out()).contains("Tested 4 revision(s): each applied, reverted and applied again "
                + "without a trace in tables, types or sequences, except aaaaaaaaaaa3, which cannot be reverted "
                + "and was only applied (");
    }

    @Test
    void aDowngradeThatLeavesATraceIsNamed() {
        Cli cli = project();
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "leaky", "CREATE TYPE mood AS ENUM ('ok');\nALTER TABLE users ADD COLUMN m mood;",
                "ALTER TABLE users DROP COLUMN m;");
        Cli.Result r = cli.run("test");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("The downgrade of revision aaaaaaaaaaa3").contains("leaves a trace").contains("mood");
    }

    @Test
    void aDowngradeThatLeavesAnExtensionIsNamed() {
        Cli cli = project();
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "citext", "CREATE EXTENSION IF NOT EXISTS citext;", "SELECT 1;");
        Cli.Result r = cli.run("test");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("The downgrade of revision aaaaaaaaaaa3 ").contains("leaves a trace: create "
                + "extension citext");
    }

    @Test
    void aDowngradeThatLeavesATableUnloggedIsNamed() {
        Cli cli = project();
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "noop", "SELECT 1;", "ALTER TABLE users SET UNLOGGED;");
        Cli.Result r = cli.run("test");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("The downgrade of revision aaaaaaaaaaa3 ").contains("leaves a trace: set table "
                + "users unlogged");
    }

    @Test
    void aDowngradeThatLeavesRowLevelSecurityOnIsNamed() {
        Cli cli = project();
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "noop", "SELECT 1;",
                "ALTER TABLE users ENABLE ROW LEVEL SECURITY;\nALTER TABLE users FORCE ROW LEVEL SECURITY;");
        Cli.Result r = cli.run("test");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("leaves a trace: enable row level security on table users; force row level "
                + "security on table users");
    }

    @Test
    void aDowngradeThatLeavesAPolicyOrATriggerIsNamed() {
        Cli cli = project();
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "guards", """
                CREATE POLICY own_rows ON users USING (id = 7);
                CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                CREATE TRIGGER stamp BEFORE INSERT ON users FOR EACH ROW EXECUTE FUNCTION stamp();""",
                "DROP TRIGGER stamp ON users;\nDROP FUNCTION stamp();");
        Cli.Result r = cli.run("test");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("leaves a trace: add policy own_rows to table users");
    }

    @Test
    void aDowngradeThatNarrowsAGrantIsNamed() {
        Cli cli = project();
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "grant", "GRANT SELECT, INSERT ON users TO PUBLIC;",
                "REVOKE ALL ON users FROM PUBLIC;");
        // Its downgrade forgets to grant INSERT again: the grantee keeps a grant, of less.
        cli.sql("aaaaaaaaaaa4", "aaaaaaaaaaa3", "read only", "REVOKE INSERT ON users FROM PUBLIC;", "SELECT 1;");
        Cli.Result r = cli.run("test");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("leaves a trace: add grant SELECT to public to table users; remove grant INSERT, "
                + "SELECT to public from table users");
    }

    @Test
    void aDowngradeThatLeavesAnotherReplicaIdentityIsNamed() {
        Cli cli = project();
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "noop", "SELECT 1;", "ALTER TABLE users REPLICA IDENTITY FULL;");
        Cli.Result r = cli.run("test");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("leaves a trace: set replica identity of table users to FULL (was DEFAULT)");
    }

    @Test
    void settingsThatItsDowngradeRestoresPass() {
        Cli cli = project();
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "settings", "ALTER TABLE users SET UNLOGGED;\n"
                + "ALTER TABLE users ENABLE ROW LEVEL SECURITY;\nALTER TABLE users REPLICA IDENTITY USING INDEX "
                + "users_pkey;", "ALTER TABLE users SET LOGGED;\nALTER TABLE users DISABLE ROW LEVEL SECURITY;\n"
                + "ALTER TABLE users REPLICA IDENTITY DEFAULT;");
        Cli.Result r = cli.run("test");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Tested 3 revision(s)");
    }

    @Test
    void aDroppedColumnThatItsDowngradeAddsBackLastPasses() {
        // PostgreSQL adds a column at the end and cannot move it: no downgrade can put a dropped column back in place.
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\n");
        cli.write("schema.sql", "CREATE TABLE t (id int PRIMARY KEY, a text, b int);");
        cli.ok("revision", "--autogenerate", "-m", "v1");
        cli.ok("upgrade", "head");
        cli.write("schema.sql", "CREATE TABLE t (id int PRIMARY KEY, b int);");
        cli.ok("revision", "--autogenerate", "-m", "drop a");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        Cli.Result r = cli.run("test");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Tested 2 revision(s)").contains("the models match the head");
    }

    @Test
    void aColumnAddedBackLastWithAnotherTypeIsNamed() {
        Cli cli = project();
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "email", "ALTER TABLE users ADD COLUMN email text;",
                "ALTER TABLE users DROP COLUMN email;");
        cli.sql("aaaaaaaaaaa4", "aaaaaaaaaaa3", "drop phone", "ALTER TABLE users DROP COLUMN phone;",
                "ALTER TABLE users ADD COLUMN phone text;");
        Cli.Result r = cli.run("test");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("The downgrade of revision aaaaaaaaaaa4").contains("leaves a trace")
                .contains("phone").contains("3 revision(s) passed");
    }

    @Test
    void modelsThatDifferFromTheHeadAreNamed() {
        Cli cli = project();
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\n");
        cli.write("schema.sql", "CREATE TABLE users (id int PRIMARY KEY, phone varchar(20), email text);");
        Cli.Result r = cli.run("test");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("The models differ").contains("email");
        cli.write("schema.sql", "CREATE TABLE users (id int PRIMARY KEY, phone varchar(20));");
        assertThat(cli.ok("test").out()).contains("the models match the head");
    }

    @Test
    void severalHeadsAreNamed() {
        Cli cli = project();
        cli.sql("bbbbbbbbbbb1", "aaaaaaaaaaa1", "other branch", "SELECT 1;", "SELECT 1;");
        Cli.Result r = cli.run("test");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("2 heads").contains(String.join(", ", List.of("aaaaaaaaaaa2", "bbbbbbbbbbb1")));
    }

    @Test
    void theTestSectionNamesTheServerOfTheScratchDatabase() {
        Cli cli = project();
        URI db = URI.create(cli.jdbcUrl.substring("jdbc:".length()));
        String server = "postgresql://%s@" + db.getHost() + ":" + db.getPort() + "/postgres";
        cli.write("retort.toml", "[test]\ndatabase_url = \"${TEST_DATABASE_URL}\"\n");
        cli.environment.put("TEST_DATABASE_URL", server.formatted("postgres"));
        Cli.Result r = cli.ok("test");
        assertThat(r.out()).contains("Tested 2 revision(s)");
        // The scratch database was made and dropped there: no embedded server was started for it.
        assertThat(dir.resolve(".retort/postgres.properties")).doesNotExist();
        assertThat(cli.column("SELECT count(*) FROM pg_database WHERE datname LIKE 'retort_test_%'").get(0))
                .isEqualTo("0");

        // A role that may not create databases is told what to do.
        cli.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'no_createdb') THEN "
                + "CREATE ROLE no_createdb LOGIN NOCREATEDB; END IF; END $$");
        cli.environment.put("TEST_DATABASE_URL", server.formatted("no_createdb:hush-hush"));
        Cli.Result refused = cli.run("test");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("the role no_createdb may not create databases there; grant it CREATEDB")
                .contains("(database_url in [test] of retort.toml)").doesNotContain("hush-hush")
                .doesNotContain("\tat ");
    }

    @Test
    void theEscapeSequencesOfAFileNameAndOfTheServersErrorAreWrittenOut() {
        Cli cli = project();
        cli.sql("aaaaaaaaaaa3", "aaaaaaaaaaa2", "x\u001b[31mred",
                "DO $$ BEGIN RAISE EXCEPTION E'\\033[32mEXC'; END $$;", "");
        Cli.Result r = cli.run("test");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).doesNotContain("\u001b").contains("x\\u001b[31mred").contains("\\u001b[32mEXC");
    }
}
