package dev.retort.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.dialect.postgres.PostgresDialect;
import dev.retort.operation.AddColumn;
import dev.retort.operation.Autocommit;
import dev.retort.operation.BulkInsert;
import dev.retort.operation.Execute;
import dev.retort.operation.Operation;
import dev.retort.operation.Operations;
import dev.retort.operation.QualifiedName;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which statements of a migration take a session setting that the migration's end gives back. */
class SessionResetTest {
    private static List<Operation> appended(List<Operation> operations) {
        return SessionReset.appendedTo(operations, new PostgresDialect(), "5s", "0");
    }

    @Test
    void theRunsTimeoutsAreRestoredNotReset() {
        List<Operation> operations = List.of(new Execute("SET statement_timeout = 0"),
                new Execute("SET lock_timeout = 0"), new Execute("CREATE INDEX i ON t (c)"));
        assertThat(appended(operations)).endsWith(new Execute("CREATE INDEX i ON t (c)"),
                new Execute("SET lock_timeout = '5s'"), new Execute("SET statement_timeout = '0'"));
    }

    @Test
    void theSettingsAPgDumpTakesAreReset() {
        List<Operation> operations = List.of(new Execute("SET idle_in_transaction_session_timeout = 0"),
                new Execute("SET client_encoding = 'UTF8'"), new Execute("SET standard_conforming_strings = on"),
                new Execute("SELECT pg_catalog.set_config('search_path', '', false)"),
                new Execute("SET check_function_bodies = false"), new Execute("SET xmloption = content"),
                new Execute("SET client_min_messages = warning"), new Execute("SET row_security = off"),
                new Execute("CREATE TABLE public.t (id int)"));
        assertThat(appended(operations).subList(operations.size(), appended(operations).size())).containsExactly(
                new Execute("RESET search_path"), new Execute("RESET check_function_bodies"),
                new Execute("RESET client_min_messages"),
                new Execute("RESET idle_in_transaction_session_timeout"), new Execute("RESET row_security"),
                new Execute("RESET standard_conforming_strings"), new Execute("RESET xmloption"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET TIME ZONE 'UTC'|timezone", "set session TimeZone to 'UTC'|timezone",
        "-- the tenant\nSET app.tenant = 'acme'|app.tenant",
        "SET XML OPTION document|xmloption", "SELECT set_config('app.tenant', 'acme', true)|app.tenant"})
    void anotherSettingIsResetByItsName(String sqlAndName) {
        String[] parts = sqlAndName.replace("\\n", "\n").split("\\|");
        List<Operation> operations = List.of(new Execute(parts[0]));
        assertThat(appended(operations)).containsExactly(new Execute(parts[0]), new Execute("RESET " + parts[1]));
    }

    /** A session lent by an application's pool, whose init SQL set its search path and a timeout of its own. */
    @Test
    void aSettingGoesBackToTheValueTheSessionWasLentWith() {
        Map<String, String> lent = Map.of("search_path", "app, public", "work_mem", "64MB", "statement_timeout", "42s",
                "application_name", "it's mine");
        List<Operation> operations = List.of(new Execute("SELECT pg_catalog.set_config('search_path', '', false)"),
                new Execute("SET work_mem = '1MB'"), new Execute("SET client_min_messages = warning"),
                new Execute("SET statement_timeout = 0"));
        assertThat(SessionReset.appendedTo(operations, new PostgresDialect(), "5s", "0", lent)
                .subList(operations.size(), 8)).containsExactly(
                new Execute("SELECT pg_catalog.set_config('search_path', 'app, public', false)"),
                new Execute("SET statement_timeout = '0'"), new Execute("RESET client_min_messages"),
                new Execute("SELECT pg_catalog.set_config('work_mem', '64MB', false)"));

        String code = SessionReset.resetWhatTheSessionHolds("5s", "0", lent);
        assertThat(code).contains("RESET ALL; PERFORM set_config('client_encoding', 'UTF8', false); "
                + "PERFORM set_config('application_name', 'it''s mine', false); "
                + "PERFORM set_config('search_path', 'app, public', false); PERFORM set_config('work_mem', '64MB', "
                + "false); ").doesNotContain("42s");
        assertThat(code.indexOf("'search_path', 'app, public'")).isLessThan(code.indexOf("SET lock_timeout"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET search_path TO billing", "set search_path = billing, public",
        "SET SESSION search_path TO billing", "SET LOCAL search_path TO billing", "SET \"search_path\" TO billing",
        "SET SCHEMA 'billing'", "SELECT pg_catalog.set_config('search_path', '', false)"})
    void aChangedSearchPathIsResetAfterTheStatements(String sql) {
        List<Operation> operations = List.of(new Execute(sql), new Execute("CREATE TABLE payments (id int)"));
        assertThat(appended(operations)).containsExactly(new Execute(sql),
                new Execute("CREATE TABLE payments (id int)"), new Execute("RESET search_path"));
    }

    @Test
    void sessionCharacteristicsAreTheDefaultsOfLaterTransactions() {
        List<Operation> operations = List.of(new Execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"));
        assertThat(appended(operations)).containsExactly(operations.get(0),
                new Execute("RESET default_transaction_deferrable"), new Execute("RESET default_transaction_isolation"),
                new Execute("RESET default_transaction_read_only"));
    }

    /**
     * A migration may set client_encoding to UTF8 alone (MigrationLoader refuses any other), which the session has
     * already: a RESET would take a script run by psql back to psql's encoding, in which it would read the next one.
     */
    @ParameterizedTest
    @ValueSource(strings = {"SET client_encoding = 'UTF8'", "SET NAMES 'UTF8'", "SET LOCAL SESSION AUTHORIZATION o"})
    void theClientEncodingIsNotReset(String sql) {
        List<Operation> operations = List.of(new Execute(sql));
        assertThat(SessionReset.appendedTo(operations, new PostgresDialect(), "5s", "0", Map.of(), true))
                .doesNotContain(new Execute("RESET client_encoding"), new Execute("RESET local"));
    }

    @Test
    void theResetOfWhatTheSessionHoldsKeepsTheClientEncodingUtf8() {
        String code = SessionReset.resetWhatTheSessionHolds("5s", "0");
        assertThat(code.indexOf("PERFORM set_config('client_encoding', 'UTF8', false)"))
                .isGreaterThan(code.indexOf("RESET ALL"));
    }

    /**
     * In a run in one transaction a SET LOCAL lasts until the run's commit: c3's check_function_bodies = off let c4's
     * broken function in, but only when both ran in one command.
     */
    @ParameterizedTest
    @ValueSource(strings = {"SET LOCAL check_function_bodies = off|check_function_bodies",
        "set local TIME ZONE 'UTC'|timezone", "SET LOCAL app.tenant = 'acme'|app.tenant"})
    void aSetLocalIsResetWhenTheMigrationSharesItsTransaction(String sqlAndName) {
        String[] parts = sqlAndName.split("\\|");
        List<Operation> operations = List.of(new Execute(parts[0]), new Execute("CREATE TABLE t (id int)"));
        assertThat(SessionReset.appendedTo(operations, new PostgresDialect(), "5s", "0", Map.of(), true))
                .containsExactly(operations.get(0), operations.get(1), new Execute("RESET " + parts[1]));
        assertThat(SessionReset.appendedTo(operations, new PostgresDialect(), "5s", "0", Map.of(), false))
                .isSameAs(operations);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET seed = 0.5", "SET transaction_isolation = 'serializable'",
        "SET SESSION transaction_read_only = on", "SELECT set_config('transaction_deferrable', 'on', false)"})
    void settingsThatEndWithTheTransactionAndCannotBeResetAreLeftAlone(String sql) {
        List<Operation> operations = List.of(new Execute(sql));
        assertThat(appended(operations)).isSameAs(operations);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE FUNCTION replica() RETURNS void LANGUAGE sql AS $$ SELECT "
            + "set_config('session_replication_role', 'replica', true) $$",
        "-- sync\ncreate or replace procedure tenant(t text) language plpgsql as $body$ BEGIN PERFORM "
            + "set_config('app.tenant', t, false); END $body$"})
    void aRoutineThatWouldSetASettingWhenCalledGetsNoReset(String sql) {
        // Defined, not run: a RESET of session_replication_role would need a superuser, and fail the migration.
        List<Operation> operations = List.of(new Execute(sql));
        assertThat(appended(operations)).isSameAs(operations);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALTER TABLE payments SET SCHEMA billing", "SHOW search_path",
        "CREATE TABLE search_path_log (id int)", "SELECT current_setting('search_path')",
        "CREATE TABLE roles (id int)", "SET LOCAL check_function_bodies = off",
        "SET CONSTRAINTS ALL DEFERRED", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE"})
    void statementsThatTakeNoSettingGetNoReset(String sql) {
        List<Operation> operations = List.of(new Execute(sql));
        assertThat(appended(operations)).isSameAs(operations);
    }

    @Test
    void aRoleAndASearchPathTakenInAnAutocommitPartAreBothGivenBack() {
        List<Operation> operations = List.of(new Autocommit(List.of(new Execute("SET SESSION AUTHORIZATION owner"),
                new Execute("SET search_path TO billing"))));
        assertThat(appended(operations)).endsWith(new Execute("RESET SESSION AUTHORIZATION"),
                new Execute("RESET ROLE"), new Execute("RESET search_path"));
    }

    @Test
    void aStepThatRunsCodeEndsWithTheResetOfWhatTheSessionHolds() {
        // A DO block, a function called by name, and statements that fire triggers or evaluate a function's result.
        for (String code : List.of("DO $$BEGIN EXECUTE 'SET work_mem = ''1GB'''; END$$", "CALL setup()",
                "DO $$BEGIN PERFORM set_config( 'search_path', 'billing', false); END$$",
                "-- the tenant's settings\nSELECT configure_tenant('acme')", "INSERT INTO audited VALUES (1)",
                "UPDATE settings SET timezone = 'UTC'", "CREATE TABLE totals AS SELECT tally() AS n",
                "REFRESH MATERIALIZED VIEW totals", "ALTER TABLE t ADD COLUMN code int DEFAULT next_code()",
                "CREATE TABLE s (id int);\nINSERT INTO s VALUES (1)")) {
            List<Operation> operations = List.of(new Execute(code), new Execute("CREATE TABLE t (id int)"));
            assertThat(appended(operations)).as(code).containsExactly(operations.get(0), operations.get(1),
                    new Execute(SessionReset.resetWhatTheSessionHolds("5s", "0")));
        }
        assertThat(SessionReset.resetWhatTheSessionHolds("5s", "0")).contains("EXECUTE 'SET lock_timeout = ''5s'''")
                .contains("'synchronous_commit'");
    }

    @Test
    void operationsThatRunCodeGetTheResetToo() {
        // A bulk insert fires the table's triggers; a column's default is evaluated for the rows there.
        List<Operation> insert = List.of(new BulkInsert(QualifiedName.of("audited"), List.of("id"),
                List.of(List.of(1))));
        List<Operation> column = List.of(new Autocommit(List.of(new AddColumn(QualifiedName.of("t"),
                Operations.column("code", "int").defaultExpression("app.next_code()"), false))));
        for (List<Operation> operations : List.of(insert, column)) {
            assertThat(appended(operations)).last().isEqualTo(
                    new Execute(SessionReset.resetWhatTheSessionHolds("5s", "0")));
        }
    }

    @Test
    void aStepWithoutCodeGetsNoQueryOfTheSession() {
        List<Operation> operations = List.of(new Execute("CREATE TABLE t (id int, code int DEFAULT next_code())"),
                new Execute("CREATE INDEX t_code ON t (code)"), new Execute("ALTER TABLE t ADD COLUMN c int DEFAULT 0"),
                new Execute("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$"),
                new Execute("CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()"),
                new AddColumn(QualifiedName.of("t"), Operations.column("at", "timestamptz").defaultExpression("now()"),
                        false));
        assertThat(appended(operations)).isSameAs(operations);
    }

    @Test
    void aSettingTakenInTheSecondStatementOfAnExecuteIsResetToo() {
        List<Operation> operations = List.of(new Execute("CREATE TABLE t (id int); SET check_function_bodies = off"));
        assertThat(appended(operations)).containsExactly(operations.get(0), new Execute("RESET check_function_bodies"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RESET lock_timeout", "reset ALL", "-- back\nRESET search_path", "RESET app.tenant"})
    void aMigrationsOwnResetGivesTheSessionBackWhole(String sql) {
        List<Operation> operations = List.of(new Execute(sql.replace("\\n", "\n")));
        assertThat(appended(operations)).containsExactly(operations.get(0),
                new Execute(SessionReset.resetWhatTheSessionHolds("5s", "0")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RESET ROLE", "RESET SESSION AUTHORIZATION"})
    void aResetOfTheRoleNeedsNothingMore(String sql) {
        List<Operation> operations = List.of(new Execute(sql));
        assertThat(appended(operations)).isSameAs(operations);
    }
}
