package dev.retort.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.Autocommit;
import dev.retort.operation.Execute;
import dev.retort.operation.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which statements of a migration take a session setting that the migration's end gives back. */
class SessionResetTest {
    @ParameterizedTest
    @ValueSource(strings = {"SET search_path TO billing", "set search_path = billing, public",
        "SET SESSION search_path TO billing", "SET LOCAL search_path TO billing", "SET \"search_path\" TO billing",
        "SET SCHEMA 'billing'", "SELECT pg_catalog.set_config('search_path', '', false)",
        "DO $$BEGIN PERFORM set_config( 'search_path', 'billing', false); END$$"})
    void aChangedSearchPathIsResetAfterTheStatements(String sql) {
        List<Operation> operations = List.of(new Execute(sql), new Execute("CREATE TABLE payments (id int)"));
        assertThat(SessionReset.appendedTo(operations)).containsExactly(new Execute(sql),
                new Execute("CREATE TABLE payments (id int)"), new Execute("RESET search_path"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALTER TABLE payments SET SCHEMA billing", "SHOW search_path",
        "CREATE TABLE search_path_log (id int)", "SELECT current_setting('search_path')",
        "SET lock_timeout = '1s'", "CREATE TABLE roles (id int)"})
    void statementsThatTakeNoSettingGetNoReset(String sql) {
        List<Operation> operations = List.of(new Execute(sql));
        assertThat(SessionReset.appendedTo(operations)).isSameAs(operations);
    }

    @Test
    void aRoleAndASearchPathTakenInAnAutocommitPartAreBothGivenBack() {
        List<Operation> operations = List.of(new Autocommit(List.of(new Execute("SET SESSION AUTHORIZATION owner"),
                new Execute("SET search_path TO billing"))));
        assertThat(SessionReset.appendedTo(operations)).endsWith(new Execute("RESET SESSION AUTHORIZATION"),
                new Execute("RESET ROLE"), new Execute("RESET search_path"));
    }
}
