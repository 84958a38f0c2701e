package dev.retort.autogenerate.diff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A cast array of literals, as PostgreSQL prints it first, folded into the form it prints once parsed again. */
class ArrayCastsTest {
    @Test
    void pushesTheCastIntoEachLiteralAsPostgresDoesWhenItParsesTheCheckAgain() {
        // Both strings are what PostgreSQL 17 prints, for Hibernate's check and for the same check applied again.
        assertThat(ArrayCasts.fold("((status)::text = ANY ((ARRAY['NEW'::character varying, "
                + "'PAID'::character varying])::text[]))"))
                .isEqualTo("((status)::text = ANY (ARRAY[('NEW'::character varying)::text, "
                        + "('PAID'::character varying)::text]))");
    }

    @Test
    void keepsQuotesAndFoldsEveryArrayOfTheExpression() {
        assertThat(ArrayCasts.fold("(((a)::text <> ALL ((ARRAY['it''s'::character varying])::text[])) "
                + "AND ((b)::text = ANY ((ARRAY['x, y'::character varying, '])::'::character varying])::text[])))"))
                .isEqualTo("(((a)::text <> ALL (ARRAY[('it''s'::character varying)::text])) "
                        + "AND ((b)::text = ANY (ARRAY[('x, y'::character varying)::text, "
                        + "('])::'::character varying)::text])))");
    }

    @Test
    void leavesTheFoldedFormAndArraysOfOtherElementsAlone() {
        String folded = "((status)::text = ANY (ARRAY[('NEW'::character varying)::text]))";
        String columns = "(x = ANY ((ARRAY[a, b])::integer[]))";
        String uncast = "(c = ANY (ARRAY['ab'::bpchar, 'cd'::bpchar]))";

        assertThat(ArrayCasts.fold(folded)).isEqualTo(folded);
        assertThat(ArrayCasts.fold(columns)).isEqualTo(columns);
        assertThat(ArrayCasts.fold(uncast)).isEqualTo(uncast);
    }
}
