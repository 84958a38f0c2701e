package dev.retort.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.QualifiedName;
import org.junit.jupiter.api.Test;

class RowWritesTest {
    private static QualifiedName t(String name) {
        return QualifiedName.of(name);
    }

    @Test
    void whatFillsEmptiesOrDropsATableIsReadAnywhereInTheStatement() {
        assertThat(RowWrites.of("INSERT INTO audit (line) VALUES ('x')")).containsExactly(t("audit"));
        assertThat(RowWrites.of("insert into Shop.\"Order Items\" AS o select * from old"))
                .containsExactly(QualifiedName.of("shop", "Order Items"));
        assertThat(RowWrites.of("WITH gone AS (DELETE FROM ONLY events_old RETURNING *) INSERT INTO events "
                + "SELECT * FROM gone")).containsExactly(t("events"));
        assertThat(RowWrites.of("MERGE INTO ONLY stock s USING delivery d ON s.id = d.id WHEN MATCHED THEN DELETE"))
                .containsExactly(t("stock"));
        assertThat(RowWrites.of("COPY audit (line) FROM STDIN")).containsExactly(t("audit"));
        assertThat(RowWrites.of("TRUNCATE audit, log")).containsExactly(t("audit"), t("log"));
        assertThat(RowWrites.of("DROP TABLE IF EXISTS conv")).containsExactly(t("conv"));
    }

    @Test
    void aDoBlocksBodyIsReadAsItsStatements() {
        assertThat(RowWrites.of("DO $$ BEGIN INSERT INTO seeded VALUES (1, 'x'); END $$")).containsExactly(t("seeded"));
        assertThat(RowWrites.of("DO LANGUAGE plpgsql 'BEGIN INSERT INTO seeded VALUES (1, ''x''); END'"))
                .containsExactly(t("seeded"));
    }

    @Test
    void whatAddsNoRowAndWhatIsNotRunAreNotRead() {
        assertThat(RowWrites.of("UPDATE prices SET v = 1")).isEmpty();
        assertThat(RowWrites.of("DELETE FROM prices")).isEmpty();
        assertThat(RowWrites.of("COPY audit TO STDOUT")).isEmpty();
        assertThat(RowWrites.of("SELECT 'INSERT INTO audit VALUES (1)'")).isEmpty();
        assertThat(RowWrites.of("-- INSERT INTO audit\nCREATE INDEX ON audit (line)")).isEmpty();
        assertThat(RowWrites.of("CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$INSERT INTO audit VALUES (1)$$"))
                .isEmpty();
        assertThat(RowWrites.of("ALTER TABLE audit ADD FOREIGN KEY (a) REFERENCES b ON UPDATE CASCADE")).isEmpty();
    }
}
