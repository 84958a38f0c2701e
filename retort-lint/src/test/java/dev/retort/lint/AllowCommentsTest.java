package dev.retort.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A {@code retort:allow} comment accepts the findings it names, for its statement only. */
class AllowCommentsTest {
    private static String sqlFile(String upgrade, String downgrade) {
        return "-- revision: a1b2c3d4e5f6\n"
                + "-- down_revision: none\n"
                + "-- message: change\n"
                + "-- +upgrade\n"
                + upgrade + "\n"
                + (downgrade == null ? "" : "-- +downgrade\n" + downgrade + "\n");
    }

    @Test
    void aCommentAboveAStatementAllowsTheRulesItNamesForThatStatementOnly() {
        String upgrade = """
                -- retort:allow RT102 (backfilled into full_name by the revision before)
                -- the first and last names are no longer read
                ALTER TABLE users DROP COLUMN first_name;

                ALTER TABLE users DROP COLUMN last_name;""";
        List<Finding> findings = Lint.sql(sqlFile(upgrade, "SELECT 1;"));

        assertThat(findings).extracting(Finding::code, Finding::line).containsExactly(
                tuple("RT102", 9));
    }

    @Test
    void aTrailingCommentAllowsItsOwnLineAndSeveralCodesCanBeNamed() {
        String upgrade = """
                DROP TABLE legacy_orders; -- retort:allow RT101, RT117: archived in the data warehouse
                TRUNCATE sessions;""";
        List<Finding> findings = Lint.sql(sqlFile(upgrade, "SELECT 1;"));

        assertThat(findings).extracting(Finding::code, Finding::line).containsExactly(
                tuple("RT117", 6));
    }

    @Test
    void aCommentAllowsOnlyTheRulesItNamesAndABlankLineEndsItsReach() {
        String upgrade = """
                -- retort:allow RT110
                ALTER TABLE users DROP COLUMN nickname;
                -- retort:allow RT102

                ALTER TABLE users DROP COLUMN age;
                -- retort:allow RT1O2 (a letter O, not a zero)
                ALTER TABLE users DROP COLUMN email;""";
        List<Finding> findings = Lint.withCode(Lint.sql(sqlFile(upgrade, "SELECT 1;")), "RT102");

        assertThat(findings).extracting(Finding::line).containsExactly(6, 9, 11);
    }

    @Test
    void aFindingAboutTheWholeMigrationIsAllowedByACommentAnywhereInTheFile() {
        String allowed = sqlFile("-- retort:allow RT113: the old rows cannot be rebuilt\nDELETE FROM audit WHERE "
                + "created < '2020-01-01';", null);
        String notAllowed = sqlFile("DELETE FROM audit WHERE created < '2020-01-01';", null);

        assertThat(Lint.withCode(Lint.sql(allowed), "RT113")).isEmpty();
        assertThat(Lint.withCode(Lint.sql(notAllowed), "RT113")).hasSize(1);
    }

    @Test
    void javaMigrationsTakeTheCommentInJavaSyntax() {
        String text = """
                public class M implements Migration {
                    public void upgrade(Operations op) {
                        // retort:allow RT101 (replaced by the orders view)
                        op.dropTable("legacy_orders");
                        op.dropTable("old_sessions");
                    }
                }
                """;
        List<Finding> findings = Lint.java(text, op -> {
            op.dropTable("legacy_orders");
            op.dropTable("old_sessions");
        });

        assertThat(Lint.withCode(findings, "RT101")).extracting(Finding::line).containsExactly(5);
    }

    /**
     * A statement whose line Retort cannot find (its table named by a constant) is not the one a comment above another
     * statement was written for: the comment allows that other statement alone.
     */
    @Test
    void aCommentDoesNotAllowAStatementWhoseLineIsUnknown() {
        String text = """
                public class M implements Migration {
                    private static final String OLD = "old_sessions";
                    public void upgrade(Operations op) {
                        // retort:allow RT101 (replaced by the orders view)
                        op.dropTable("legacy_orders");
                        op.dropTable(OLD);
                    }
                }
                """;
        List<Finding> findings = Lint.java(text, op -> {
            op.dropTable("legacy_orders");
            op.dropTable("old_sessions");
        });

        assertThat(Lint.withCode(findings, "RT101")).extracting(Finding::line, Finding::message)
                .containsExactly(tuple(0, "drops table old_sessions and all its rows"));
    }

    @Test
    void aNoteAboveAStatementThatNamesWhatItDoesIsNotTakenForTheStatement() {
        String upgrade = """
                -- drop table legacy_orders: nothing reads it since the orders view
                DROP TABLE legacy_orders;""";
        List<Finding> findings = Lint.withCode(Lint.sql(sqlFile(upgrade, "SELECT 1;")), "RT101");

        assertThat(findings).extracting(Finding::line).containsExactly(6);
    }

    /**
     * A statement is found at its own line, not at the first one that begins with its text: {@code legacy_orders}
     * is not {@code legacy_orders_2019}, so the comment above the one does not allow the other.
     */
    @Test
    void aCommentDoesNotAllowTheNextStatementWhoseNameStartsLikeItsOwn() {
        String upgrade = """
                -- retort:allow RT101 (archived in the warehouse)
                DROP TABLE legacy_orders_2019;
                DROP TABLE legacy_orders;
                -- retort:allow RT117
                DELETE FROM sessions_test;
                DELETE FROM sessions;
                -- retort:allow RT102
                ALTER TABLE users DROP COLUMN first_name_old;
                ALTER TABLE users DROP COLUMN first_name;""";
        List<Finding> findings = Lint.sql(sqlFile(upgrade, "SELECT 1;"));

        assertThat(findings).extracting(Finding::code, Finding::line).containsExactly(
                tuple("RT101", 7), tuple("RT117", 10), tuple("RT102", 13));
    }

    @Test
    void aCommentAboveTheSecondOfTwoLikeStatementsAllowsTheSecondOnly() {
        String upgrade = """
                DROP TABLE legacy_orders_2019;
                -- retort:allow RT101 (archived in the warehouse)
                DROP TABLE legacy_orders;""";
        List<Finding> findings = Lint.sql(sqlFile(upgrade, "SELECT 1;"));

        assertThat(findings).extracting(Finding::code, Finding::line).containsExactly(tuple("RT101", 5));
    }

    @Test
    void javaStatementsAreFoundAtTheirOwnLineToo() {
        String text = """
                public class M implements Migration {
                    public void upgrade(Operations op) {
                        // retort:allow RT101 (archived in the warehouse)
                        op.execute("DROP TABLE legacy_orders_2019");
                        op.execute("DROP TABLE legacy_orders");
                    }
                }
                """;
        List<Finding> findings = Lint.java(text, op -> {
            op.execute("DROP TABLE legacy_orders_2019");
            op.execute("DROP TABLE legacy_orders");
        });

        assertThat(Lint.withCode(findings, "RT101")).extracting(Finding::line).containsExactly(5);
    }

    /** Statements alike are found one after the other, even when the first holds the second's text. */
    @Test
    void aStatementIsFoundAfterThePreviousOneNotInIt() {
        String upgrade = """
                DELETE FROM n WHERE id < 0;
                DELETE FROM n;
                delete from n;
                DELETE FROM n; DELETE FROM n;""";
        List<Finding> findings = Lint.withCode(Lint.sql(sqlFile(upgrade, "SELECT 1;")), "RT117");

        assertThat(findings).extracting(Finding::line).containsExactly(6, 7, 8, 8);
    }

    /** Inside double quotes case matters: {@code "Orders"} and {@code "orders"} are two tables. */
    @Test
    void aQuotedNameIsFoundAsWritten() {
        String upgrade = """
                -- retort:allow RT101 (renamed long ago)
                DROP TABLE "Orders";
                DROP TABLE "orders";""";
        List<Finding> findings = Lint.withCode(Lint.sql(sqlFile(upgrade, "SELECT 1;")), "RT101");

        assertThat(findings).extracting(Finding::line, Finding::message)
                .containsExactly(tuple(7, "drops table orders and all its rows"));
    }
}
