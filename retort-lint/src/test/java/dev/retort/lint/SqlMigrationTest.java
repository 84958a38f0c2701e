package dev.retort.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SQL migrations reach the linter as one Execute per statement; the same rules apply to them. */
class SqlMigrationTest {
    private static String sqlFile(String upgrade, String downgrade) {
        return "-- revision: a1b2c3d4e5f6\n"
                + "-- down_revision: none\n"
                + "-- message: change\n"
                + "-- +upgrade\n"
                + upgrade + "\n"
                + (downgrade == null ? "" : "-- +downgrade\n" + downgrade + "\n");
    }

    @Test
    void transactionControlIsAnErrorWithItsLine() {
        List<Finding> findings = Lint.withCode(Lint.sql(sqlFile(
                "BEGIN;\nCREATE TABLE t (id int);\nCOMMIT;", "DROP TABLE t;")), "RT114");
        assertThat(findings).extracting(Finding::line).containsExactly(5, 7);
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
        assertThat(findings.get(0).message()).startsWith("runs BEGIN: Retort runs each migration in its own transaction");
        assertThat(findings.get(1).message()).startsWith("runs COMMIT");
    }

    @Test
    void aTransactionOfItsOwnInsideAnAutocommitBlockIsFine() {
        // The block runs outside the migration's transaction, and `upgrade` runs its BEGIN and COMMIT as written.
        assertThat(Lint.withCode(Lint.ops(op -> {
            op.autocommit(() -> op.execute("BEGIN; CREATE TABLE e2 (i int); COMMIT"));
            op.execute("BEGIN");
        }), "RT114")).hasSize(1);
        // Left open, the block's statements are rolled back with the migration when a later statement fails.
        assertThat(Lint.withCode(Lint.ops(op -> {
            op.autocommit(() -> op.execute("BEGIN; CREATE TABLE q (i int)"));
            op.execute("SELECT 1/0");
        }), "RT114")).extracting(Finding::message).containsExactly("runs BEGIN in an autocommit block that ends "
                + "without COMMIT: the statements after it are rolled back with the migration when a later one fails; "
                + "COMMIT before the block ends");
    }

    @Test
    void transactionWordsInsideFunctionBodiesStringsAndCommentsAreFine() {
        String upgrade = """
                DO $$ BEGIN RAISE NOTICE 'hi'; END $$;
                CREATE FUNCTION one() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;
                -- COMMIT;
                INSERT INTO log VALUES ('BEGIN; COMMIT;');
                SAVEPOINT before_backfill;
                ROLLBACK TO SAVEPOINT before_backfill;""";
        assertThat(Lint.sql(sqlFile(upgrade, "SELECT 1;"))).isEmpty();
    }

    @Test
    void emptyingAnExistingTableWarnsButATableOfThisMigrationOrAWhereDoesNot() {
        String upgrade = """
                TRUNCATE orders;
                TRUNCATE TABLE ONLY shop.invoices, "Audit" RESTART IDENTITY CASCADE;
                DELETE FROM sessions;
                DELETE FROM ONLY shop.carts c USING users u;
                DELETE FROM sessions WHERE expires_at < now();
                CREATE TABLE staging (id int);
                TRUNCATE staging;
                DELETE FROM staging;
                INSERT INTO log VALUES ('TRUNCATE orders');""";
        List<Finding> findings = Lint.withCode(Lint.sql(sqlFile(upgrade, "SELECT 1;")), "RT117");
        assertThat(findings).extracting(Finding::line).containsExactly(5, 6, 6, 7, 8);
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        assertThat(findings.get(0).message()).isEqualTo("empties table orders (TRUNCATE): every row is gone, and no "
                + "downgrade brings them back");
        assertThat(findings.get(1).message()).startsWith("empties table shop.invoices (TRUNCATE)");
        assertThat(findings.get(2).message()).startsWith("empties table Audit (TRUNCATE)");
        assertThat(findings.get(3).message()).isEqualTo("deletes every row of table sessions (DELETE without WHERE), "
                + "and no downgrade brings them back");
        assertThat(findings.get(4).message()).startsWith("deletes every row of table shop.carts");
    }

    /** A quoted name ends where its quote does: the whole name is the table, as PostgreSQL reads it. */
    @Test
    void aDeleteOfATableWithAQuotedNameWarnsAndNamesThatTable() {
        String upgrade = """
                DELETE FROM "n";
                DELETE FROM "public"."n";
                DELETE FROM "my table";
                DELETE FROM public."n";
                DELETE FROM ONLY "n";
                DELETE FROM "n" WHERE id < 0;""";
        List<Finding> findings = Lint.withCode(Lint.sql(sqlFile(upgrade, "SELECT 1;")), "RT117");
        assertThat(findings).extracting(Finding::line, Finding::message).containsExactly(
                tuple(5, "deletes every row of table n (DELETE without WHERE), and no downgrade brings them back"),
                tuple(6, "deletes every row of table public.n (DELETE without WHERE), and no downgrade brings them "
                        + "back"),
                tuple(7, "deletes every row of table my table (DELETE without WHERE), and no downgrade brings them "
                        + "back"),
                tuple(8, "deletes every row of table public.n (DELETE without WHERE), and no downgrade brings them "
                        + "back"),
                tuple(9, "deletes every row of table n (DELETE without WHERE), and no downgrade brings them back"));
    }

    @Test
    void aDeleteInAWithQueryOrWithAWhereThatIsAlwaysTrueWarns() {
        String upgrade = """
                WITH d AS (DELETE FROM n RETURNING *) SELECT count(*) FROM d;
                WITH d AS (DELETE FROM n WHERE id < 0 RETURNING *) SELECT count(*) FROM d;
                WITH old AS (SELECT id FROM n WHERE id < 0) DELETE FROM m;
                DELETE FROM n WHERE true;
                DELETE FROM n WHERE 1=1;
                DELETE FROM n WHERE (1 = 1) RETURNING id;
                DELETE FROM n WHERE true AND id < 0;
                DELETE FROM n USING (SELECT id FROM m WHERE true) s;
                DELETE FROM n USING (SELECT id FROM m) s WHERE n.id = s.id;""";
        List<Finding> findings = Lint.withCode(Lint.sql(sqlFile(upgrade, "SELECT 1;")), "RT117");
        assertThat(findings).extracting(Finding::line, Finding::message).containsExactly(
                tuple(5, "deletes every row of table n (DELETE without WHERE), and no downgrade brings them back"),
                tuple(7, "deletes every row of table m (DELETE without WHERE), and no downgrade brings them back"),
                tuple(8, "deletes every row of table n (DELETE WHERE true), and no downgrade brings them back"),
                tuple(9, "deletes every row of table n (DELETE WHERE 1=1), and no downgrade brings them back"),
                tuple(10, "deletes every row of table n (DELETE WHERE (1 = 1)), and no downgrade brings them back"),
                tuple(12, "deletes every row of table n (DELETE without WHERE), and no downgrade brings them back"));
    }

    /** An unqualified name is the table of public: one of the same name created in another schema is not it. */
    @Test
    void aTableCreatedInAnotherSchemaDoesNotMakeTheUnqualifiedOneNew() {
        String upgrade = """
                CREATE TABLE archive.orders (id int);
                DROP TABLE orders;
                TRUNCATE public.orders;
                DELETE FROM orders;
                ALTER TABLE orders DROP COLUMN total;
                CREATE TABLE staging (id int);
                DROP TABLE public.staging;
                CREATE TABLE public.scratch (id int);
                ALTER TABLE scratch DROP COLUMN id;""";
        List<Finding> findings = Lint.sql(sqlFile(upgrade, "SELECT 1;"));
        assertThat(findings).extracting(Finding::code, Finding::line).containsExactly(
                tuple("RT101", 6), tuple("RT117", 7), tuple("RT117", 8), tuple("RT102", 9));
    }

    @Test
    void aDropOrTruncateIsReadAsBackupReadsIt() {
        // A quoted name with a doubled quote, and a comment between the words: the tables --backup copies.
        String upgrade = "DROP TABLE \"Legacy \"\"v1\"\"\", shop.old;\n"
                + "TRUNCATE /* all of it */ ONLY \"Audit\"*;";
        List<Finding> findings = Lint.sql(sqlFile(upgrade, "SELECT 1;"));
        assertThat(findings).extracting(Finding::message).containsExactly(
                "drops table Legacy \"v1\" and all its rows",
                "drops table shop.old and all its rows",
                "empties table Audit (TRUNCATE): every row is gone, and no downgrade brings them back");
    }

    @Test
    void aStatementRefusedInATransactionIsAnErrorOutsideAnAutocommitBlockOnly() {
        String upgrade = """
                CREATE TABLE t (id int);
                CREATE INDEX CONCURRENTLY ix_t ON t (id);
                VACUUM (ANALYZE) t;""";
        List<Finding> findings = Lint.withCode(Lint.sql(sqlFile(upgrade, "SELECT 1;")), "RT120");
        assertThat(findings).extracting(Finding::line).containsExactly(6, 7);
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
        assertThat(findings.get(0).message()).isEqualTo("runs CREATE INDEX CONCURRENTLY in the migration's "
                + "transaction, where PostgreSQL refuses it: put it in an autocommit block ('-- +autocommit' in SQL, "
                + "op.autocommit in Java)");
        assertThat(Lint.withCode(Lint.ops(op -> {
            op.execute("VACUUM t");
            op.autocommit(() -> op.execute("VACUUM t"));
        }), "RT120")).hasSize(1);
    }

    @Test
    void theDowngradeIsCheckedForTransactionControlAndStatementsRefusedInATransaction() {
        // `downgrade` refuses them as `upgrade` does; lint must not leave them to a run in production.
        List<Finding> findings = Lint.sql(sqlFile("CREATE INDEX ix_t ON t (id);",
                "DROP INDEX CONCURRENTLY ix_t;\nCOMMIT;\nDROP TABLE t;"));
        assertThat(findings).filteredOn(f -> f.line() > 6).extracting(Finding::code, Finding::line)
                .containsExactly(tuple("RT120", 7), tuple("RT114", 8));
        assertThat(findings.get(findings.size() - 2).message()).isEqualTo("its downgrade runs DROP INDEX CONCURRENTLY "
                + "in the migration's transaction, where PostgreSQL refuses it: put it in an autocommit block "
                + "('-- +autocommit' in SQL, op.autocommit in Java)");
        assertThat(Lint.withCode(Lint.java("", op -> op.execute("SELECT 1"),
                op -> op.autocommit(() -> op.execute("DROP INDEX CONCURRENTLY ix_t"))), "RT120")).isEmpty();
    }

    @Test
    void anAllowCommentAboveADoBlockOfTheDowngradeCoversTheStatementsInIt() {
        String block = "DO $$\nBEGIN\n  DROP TABLE t;\n  COMMIT;\nEND $$;";
        assertThat(Lint.withCode(Lint.sql(sqlFile("CREATE TABLE t (id int);", block)), "RT114"))
                .extracting(Finding::line).containsExactly(10);
        assertThat(Lint.withCode(Lint.sql(sqlFile("CREATE TABLE t (id int);", "-- retort:allow RT114\n" + block)),
                "RT114")).isEmpty();
    }

    @Test
    void transactionControlInAJavaExecuteIsAnError() {
        assertThat(Lint.ops(op -> op.execute("START TRANSACTION; UPDATE users SET a = 1; END")))
                .extracting(Finding::code).containsExactly("RT114", "RT114");
    }

    @Test
    void aMissingDowngradeSectionWarns() {
        List<Finding> findings = Lint.withCode(Lint.sql(sqlFile("CREATE TABLE t (id int);", null)), "RT113");
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).severity()).isEqualTo(Severity.WARNING);
        assertThat(findings.get(0).message()).startsWith("has no '-- +downgrade' section");
    }

    @Test
    void anEmptyDowngradeWarnsAtItsMarker() {
        Finding finding = Lint.withCode(Lint.sql(sqlFile("CREATE TABLE t (id int);", "-- nothing to undo")), "RT113")
                .get(0);
        assertThat(finding.message()).startsWith("has an empty downgrade while the upgrade has 1 operation(s)");
        assertThat(finding.line()).isEqualTo(6);
    }

    @Test
    void aDowngradeThatUndoesTheUpgradeIsFine() {
        assertThat(Lint.sql(sqlFile("CREATE TABLE t (id int);", "DROP TABLE t;"))).isEmpty();
        assertThat(Lint.java("", op -> op.execute("SELECT 1"), op -> { })).extracting(Finding::code)
                .containsExactly("RT113");
    }

    @Test
    void destructiveAndLockingStatementsAreRecognised() {
        String upgrade = """
                DROP TABLE legacy;
                ALTER TABLE users DROP COLUMN fax, ALTER COLUMN age TYPE smallint;
                ALTER TABLE users ALTER COLUMN email SET NOT NULL;
                ALTER TABLE users ADD COLUMN phone text NOT NULL;
                CREATE UNIQUE INDEX ux_users_phone ON users (phone);
                ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id);
                ALTER TABLE users RENAME COLUMN name TO full_name;
                ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();
                DROP SCHEMA old CASCADE;
                DROP EXTENSION IF EXISTS citext CASCADE;
                DROP EXTENSION pg_trgm;""";
        List<Finding> findings = Lint.sql(sqlFile(upgrade, "SELECT 1;"));
        assertThat(findings).extracting(f -> f.code() + "@" + f.line()).containsExactly(
                "RT101@5", "RT102@6", "RT105@6", "RT108@7", "RT107@8", "RT109@9", "RT110@9", "RT111@10",
                "RT106@11", "RT112@12", "RT103@13", "RT118@14");
        assertThat(findings.get(2).message()).startsWith("changes the type of column users.age to smallint");
    }

    @Test
    void aDropWithCascadeSaysWhatGoesWithIt() {
        // As the Java operations' findings do: CASCADE drops the views and foreign keys that use it, unnamed.
        String upgrade = """
                DROP TABLE orders CASCADE;
                ALTER TABLE users DROP COLUMN fax CASCADE, DROP COLUMN pager;
                DROP TABLE IF EXISTS carts, baskets
                  CASCADE;
                DROP TABLE legacy RESTRICT;""";
        List<Finding> findings = Lint.sql(sqlFile(upgrade, "SELECT 1;"));
        assertThat(findings).extracting(Finding::code, Finding::message).containsExactly(
                tuple("RT101", "drops table orders and all its rows, with everything that depends on it (CASCADE)"),
                tuple("RT102", "drops column users.fax and its data, with everything that depends on it (CASCADE)"),
                tuple("RT102", "drops column users.pager and its data"),
                tuple("RT101", "drops table carts and all its rows, with everything that depends on it (CASCADE)"),
                tuple("RT101", "drops table baskets and all its rows, with everything that depends on it (CASCADE)"),
                tuple("RT101", "drops table legacy and all its rows"));
    }

    @Test
    void makingATableLoggedOrUnloggedWarnsOfTheRewrite() {
        String upgrade = """
                CREATE TABLE fresh (id int);
                ALTER TABLE fresh SET UNLOGGED;
                ALTER TABLE IF EXISTS cache SET UNLOGGED;
                ALTER TABLE "Audit".events ADD COLUMN note text, SET LOGGED;
                ALTER TABLE cache SET TABLESPACE fast;""";
        List<Finding> findings = Lint.sql(sqlFile(upgrade, "SELECT 1;"));
        assertThat(findings).extracting(f -> f.code() + "@" + f.line()).containsExactly("RT123@7", "RT123@8");
        assertThat(findings.get(0).message()).isEqualTo("makes table cache unlogged (SET UNLOGGED): rewrites the "
                + "whole table under an ACCESS EXCLUSIVE lock");
        assertThat(findings.get(1).message()).isEqualTo("makes table Audit.events logged (SET LOGGED): rewrites the "
                + "whole table under an ACCESS EXCLUSIVE lock and writes all of it to the write-ahead log");
        String allowed = "-- retort:allow RT123 (the cache is empty at deploy time)\nALTER TABLE cache SET UNLOGGED;";
        assertThat(Lint.sql(sqlFile(allowed, "SELECT 1;"))).isEmpty();
    }

    @Test
    void aChangeOfTypeIsShownWithItsQuotedNamesAsWritten() {
        Finding finding = Lint.withCode(Lint.sql(sqlFile(
                "ALTER TABLE users ALTER COLUMN code TYPE VARCHAR(3) COLLATE \"C\";", "SELECT 1;")), "RT105").get(0);
        assertThat(finding.message()).startsWith("changes the type of column users.code to varchar(3) collate \"C\": ");
    }

    @Test
    void anExclusionConstraintOnAnExistingTableWarnsWithoutAskingForNotValid() {
        List<Finding> findings = Lint.sql(sqlFile("ALTER TABLE bookings ADD CONSTRAINT no_overlap "
                + "EXCLUDE USING gist (room WITH =, during WITH &&);", "SELECT 1;"));
        // PostgreSQL refuses EXCLUDE ... NOT VALID and cannot build one concurrently: no advice of that kind.
        assertThat(findings).extracting(Finding::code).containsExactly("RT109");
        assertThat(findings.get(0).message())
                .startsWith("adds exclusion constraint no_overlap on bookings to an existing table")
                .contains("can neither add it NOT VALID nor build it concurrently");
    }

    @Test
    void theSafeFormsOfThoseStatementsAreFine() {
        String upgrade = """
                CREATE TABLE fresh (id int);
                CREATE INDEX ix_fresh ON fresh (id);
                ALTER TABLE fresh ADD COLUMN code text NOT NULL;
                CREATE INDEX CONCURRENTLY ix_users_email ON users (email);
                DROP INDEX CONCURRENTLY ix_users_old;
                ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
                ALTER TABLE orders VALIDATE CONSTRAINT fk_user;
                ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;
                ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX ix_users_email;""";
        // In a file the CONCURRENTLY statements stand in an autocommit block, as RT120 asks.
        assertThat(Lint.sql(sqlFile(upgrade, "SELECT 1;"))).filteredOn(f -> !f.code().equals("RT120")).isEmpty();
    }

    @Test
    void recreatingAnEnumTypeInSqlWithFewerValuesWarns() {
        String upgrade = """
                ALTER TYPE status RENAME TO status_old;
                CREATE TYPE status AS ENUM ('active', 'closed');
                ALTER TABLE ticket ALTER COLUMN state TYPE status USING state::text::status;
                DROP TYPE status_old;""";
        String downgrade = "DROP TYPE status;\nCREATE TYPE status AS ENUM ('active', 'on''hold', 'closed');";
        Finding finding = Lint.withCode(Lint.sql(sqlFile(upgrade, downgrade)), "RT104").get(0);
        assertThat(finding.message()).isEqualTo("recreates enum type status without value(s) on'hold: rows holding "
                + "them cannot convert to the new type");
        assertThat(finding.line()).isEqualTo(6);
    }

    @Test
    void droppingATypeOrADomainWithCascadeOrWhatARoleOwnsWarns() {
        String upgrade = """
                DROP TYPE mood CASCADE;
                DROP DOMAIN IF EXISTS positive, shop.code CASCADE;
                DROP OWNED BY bob;
                DROP TYPE status;
                DROP DOMAIN zip RESTRICT;""";
        List<Finding> findings = Lint.sql(sqlFile(upgrade, "SELECT 1;"));
        assertThat(findings).extracting(f -> f.code() + "@" + f.line())
                .containsExactly("RT122@5", "RT122@6", "RT122@6", "RT122@7");
        assertThat(findings.get(0).message()).startsWith("drops type mood with CASCADE: the columns of that type "
                + "(with their data)");
        assertThat(findings.get(2).message()).startsWith("drops domain shop.code with CASCADE: the columns of that "
                + "domain (with their data)");
        assertThat(findings.get(3).message()).startsWith("drops every object that role bob owns (DROP OWNED): its "
                + "tables with their rows");
    }

    @Test
    void deletingFromPgEnumWarns() {
        assertThat(Lint.withCode(Lint.sql(sqlFile("DELETE FROM pg_enum WHERE enumlabel = 'old';", "SELECT 1;")), "RT104"))
                .hasSize(1);
        assertThat(Lint.sql(sqlFile("ALTER TYPE status ADD VALUE 'new';", "SELECT 1;"))).isEmpty();
    }

    @Test
    void aFlywayPlaceholderInAStringOrABodyWarnsWithItsLine() {
        // Brought over from Flyway: the string reaches the server as '${app_role}', finds no role, and nothing fails.
        String upgrade = """
                DO $$
                BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${app_role}') THEN
                        RAISE NOTICE 'no role';
                    END IF;
                END
                $$;
                -- GRANT SELECT ON t TO ${app_role} was Flyway's
                COMMENT ON TABLE t IS 'made by ${flyway:user}';
                INSERT INTO t VALUES ('$1', '{}', '$ {x}');""";
        List<Finding> findings = Lint.withCode(Lint.sql(sqlFile(upgrade, "SELECT 1;")), "RT121");

        assertThat(findings).extracting(Finding::line).containsExactly(7, 13);
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        assertThat(findings.get(0).message()).isEqualTo("holds ${app_role}, which Flyway would replace and Retort "
                + "sends as written (in a string or a $$ body the server takes it as text); write the value itself");
        assertThat(findings.get(1).message()).startsWith("holds ${flyway:user}, ");
    }
}
