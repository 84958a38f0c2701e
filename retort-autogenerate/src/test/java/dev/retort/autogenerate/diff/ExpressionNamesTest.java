package dev.retort.autogenerate.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Names in SQL text: columns found, and renamed the way PostgreSQL prints them after RENAME COLUMN; an extension's
 * functions and types qualified the way it prints them after ALTER EXTENSION ... SET SCHEMA.
 */
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

    @Test
    void qualifiesTheCallsAndCastsOfAMovedExtension() {
        Map<String, String> functions = Map.of("soundex", "ext.soundex");
        Map<String, String> types = Map.of("citext", "ext.citext");

        assertThat(ExpressionNames.requalify("(soundex(nick) <> ''::citext)", functions, types))
                .isEqualTo("(ext.soundex(nick) <> ''::ext.citext)");
        assertThat(ExpressionNames.requalify("('{}'::citext[] <> aliases)", functions, types))
                .isEqualTo("('{}'::ext.citext[] <> aliases)");
        assertThat(ExpressionNames.requalify(null, functions, types)).isNull();
    }

    @Test
    void leavesStringsColumnsFieldsAndOtherSchemasAlone() {
        Map<String, String> functions = Map.of("soundex", "ext.soundex", "citext", "ext.citext");

        assertThat(ExpressionNames.requalify("((soundex || 'soundex(x)'::text) = (r).citext)", functions, Map.of()))
                .isEqualTo("((soundex || 'soundex(x)'::text) = (r).citext)");
        assertThat(ExpressionNames.requalify("other.soundex(nick)", functions, Map.of()))
                .isEqualTo("other.soundex(nick)");
        assertThat(ExpressionNames.requalify("(x)::citext", functions, Map.of())).isEqualTo("(x)::citext");
    }

    @Test
    void unqualifiesTheCallsOfAnExtensionMovedToPublic() {
        Map<String, String> functions = Map.of("ext.soundex", "soundex", "\"My Ext\".metaphone", "metaphone");

        assertThat(ExpressionNames.requalify("(ext.soundex(nick) || \"My Ext\".metaphone(nick, 4))", functions,
                Map.of())).isEqualTo("(soundex(nick) || metaphone(nick, 4))");
    }
}
