package dev.retort.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.QualifiedName;
import org.junit.jupiter.api.Test;

class RowWritesTest {
    private static QualifiedName t(String name) {
        return QualifiedName.of(name);
    }

    @Test
    void writesAnywhereInTheStatementAreRead() {
        assertThat(RowWrites.of("INSERT INTO audit (line) VALUES ('x')")).containsExactly(t("audit"));
        assertThat(RowWrites.of("insert into Shop.\"Order Items\" select * from old"))
                .containsExactly(QualifiedName.of("shop", "Order Items"));
        assertThat(RowWrites.of("WITH gone AS (DELETE FROM ONLY events_old RETURNING *) INSERT INTO events "
                + "SELECT * FROM gone")).containsExactly(t("events_old"), t("events"));
        assertThat(RowWrites.of("UPDATE prices SET v = conv.v FROM conv WHERE prices.id = conv.id"))
                .containsExactly(t("prices"));
        assertThat(RowWrites.of("MERGE INTO stock s USING delivery d ON s.id = d.id WHEN MATCHED THEN DELETE"))
                .containsExactly(t("stock"));
        assertThat(RowWrites.of("COPY audit (line) FROM STDIN")).containsExactly(t("audit"));
        assertThat(RowWrites.of("TRUNCATE audit, log")).containsExactly(t("audit"), t("log"));
        assertThat(RowWrites.of("DROP TABLE IF EXISTS conv")).containsExactly(t("conv"));
    }

    @Test
    void stringsCommentsAndBodiesAreNotRead() {
        assertThat(RowWrites.of("SELECT 'INSERT INTO audit VALUES (1)'")).isEmpty();
        assertThat(RowWrites.of("-- INSERT INTO audit\nCREATE INDEX ON audit (line)")).isEmpty();
        assertThat(RowWrites.of("DO $$BEGIN INSERT INTO audit VALUES (1); END$$")).isEmpty();
        assertThat(RowWrites.of("SELECT * FROM audit")).isEmpty();
    }

    @Test
    void namesMayBeTheSameTableWhenASchemaIsLeftOut() {
        assertThat(RowWrites.mayBeSame(t("events"), QualifiedName.of("public", "events"))).isTrue();
        assertThat(RowWrites.mayBeSame(QualifiedName.of("a", "events"), QualifiedName.of("b", "events"))).isFalse();
        assertThat(RowWrites.mayBeSame(t("events"), t("Events"))).isFalse();
    }
}
