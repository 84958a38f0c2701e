package dev.retort.autogenerate.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Column names in SQL text: found, and renamed the way PostgreSQL prints them after RENAME COLUMN. */
class ExpressionNamesTest {
    @Test
    void findsAColumnOutsideStrings() {
        assertThat(ExpressionNames.mentions("(qty > 0)", Set.of("qty"))).isTrue();
        assertThat(ExpressionNames.mentions("(name <> 'qty'::text)", Set.of("qty"))).isFalse();
        assertThat(ExpressionNames.mentions("(\"Qty\" > 0)", Set.of("Qty"))).isTrue();
    }

    @Test
    void renamesColumnsAndQuotesNamesThatNeedIt() {
        Map<String, String> renames = Map.of("qty", "amount", "code", "Item Code");

        assertThat(ExpressionNames.rename("((qty > 0) AND (code <> ''::text))", renames))
                .isEqualTo("((amount > 0) AND (\"Item Code\" <> ''::text))");
        assertThat(ExpressionNames.rename("(\"qty\" * 2)", renames)).isEqualTo("(amount * 2)");
    }

    @Test
    void leavesStringsFunctionsTypesAndFieldsAlone() {
        Map<String, String> renames = Map.of("lower", "lo", "text", "body", "x", "y", "note", "remark");

        assertThat(ExpressionNames.rename("lower((note)::text)", renames)).isEqualTo("lower((remark)::text)");
        assertThat(ExpressionNames.rename("((pos).x > 0)", renames)).isEqualTo("((pos).x > 0)");
        assertThat(ExpressionNames.rename("(note <> 'note'::text)", renames)).isEqualTo("(remark <> 'note'::text)");
        assertThat(ExpressionNames.rename(null, renames)).isNull();
    }
}
