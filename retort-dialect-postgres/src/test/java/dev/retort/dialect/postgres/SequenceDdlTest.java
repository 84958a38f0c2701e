package dev.retort.dialect.postgres;

import static dev.retort.dialect.postgres.Rendered.sql;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceDdlTest {
    @Test
    void createSequenceWithDefaults() {
        assertThat(sql(op -> op.createSequence("invoice_number"))).containsExactly("CREATE SEQUENCE invoice_number");
    }

    @Test
    void createSequenceWithEverySetting() {
        assertThat(sql(op -> op.createSequence("invoice_number").schema("billing").ifNotExists().dataType("bigint")
                .start(1000).increment(10).minValue(1000).maxValue(999_999_999).cache(20).cycle(true)
                .ownedBy("invoices", "number")))
                .containsExactly("CREATE SEQUENCE IF NOT EXISTS billing.invoice_number AS bigint INCREMENT BY 10 "
                        + "MINVALUE 1000 MAXVALUE 999999999 START WITH 1000 CACHE 20 CYCLE OWNED BY billing.invoices.number");
    }

    @Test
    void alterSequence() {
        assertThat(sql(op -> {
            op.alterSequence("invoice_number").restartWith(5000);
            op.alterSequence("invoice_number").increment(-1).minValue(-100).cycle(false).ownedByNone();
            op.alterSequence("Seq").schema("app").dataType("integer").start(1).maxValue(10).cache(1)
                    .ownedBy("T", "id").restartWith(1);
        })).containsExactly(
                "ALTER SEQUENCE invoice_number RESTART WITH 5000",
                "ALTER SEQUENCE invoice_number INCREMENT BY -1 MINVALUE -100 NO CYCLE OWNED BY NONE",
                "ALTER SEQUENCE app.\"Seq\" AS integer MAXVALUE 10 START WITH 1 RESTART WITH 1 CACHE 1 OWNED BY app.\"T\".id");
    }

    @Test
    void dropSequence() {
        assertThat(sql(op -> {
            op.dropSequence("invoice_number");
            op.dropSequence("invoice_number").schema("billing").ifExists().cascade();
        })).containsExactly("DROP SEQUENCE invoice_number", "DROP SEQUENCE IF EXISTS billing.invoice_number CASCADE");
    }
}
