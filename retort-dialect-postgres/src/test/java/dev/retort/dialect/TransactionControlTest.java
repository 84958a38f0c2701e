package dev.retort.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransactionControlTest {
    @Test
    void findsStatementsThatEndOrOpenATransaction() {
        assertThat(TransactionControl.keyword("COMMIT")).isEqualTo("COMMIT");
        assertThat(TransactionControl.keyword("-- done with the table\n  commit and chain")).isEqualTo("COMMIT");
        assertThat(TransactionControl.keyword("/* one */ /* two */ Begin")).isEqualTo("BEGIN");
        assertThat(TransactionControl.keyword("/* outer /* nested */ still a comment */ COMMIT")).isEqualTo("COMMIT");
        assertThat(TransactionControl.keyword("start\n  transaction isolation level serializable"))
                .isEqualTo("START TRANSACTION");
        assertThat(TransactionControl.keyword("END")).isEqualTo("END");
        assertThat(TransactionControl.keyword("ROLLBACK")).isEqualTo("ROLLBACK");
        assertThat(TransactionControl.keyword("abort")).isEqualTo("ABORT");
        assertThat(TransactionControl.keyword("PREPARE  TRANSACTION 'deploy'")).isEqualTo("PREPARE TRANSACTION");
    }

    @Test
    void leavesOtherStatementsAlone() {
        assertThat(TransactionControl.keyword("ROLLBACK TO SAVEPOINT before_copy")).isNull();
        assertThat(TransactionControl.keyword("SAVEPOINT before_copy")).isNull();
        assertThat(TransactionControl.keyword("PREPARE fetch_user (int) AS SELECT $1")).isNull();
        assertThat(TransactionControl.keyword("SELECT 'COMMIT'")).isNull();
        assertThat(TransactionControl.keyword("-- COMMIT\nINSERT INTO log VALUES ('BEGIN')")).isNull();
        assertThat(TransactionControl.keyword("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END"))
                .isNull();
        assertThat(TransactionControl.keyword("committed_rows")).isNull();
        assertThat(TransactionControl.keyword("")).isNull();
    }
}
