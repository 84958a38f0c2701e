package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JavaMigrationHeaderTest {
    @Test
    void readsTheAnnotationAndClassName() {
        String source = """
                import dev.retort.*;
                // @Revision(id = "ffffffffffff") in a comment does not count
                /** Docs mention @Revision(id = "eeeeeeeeeeee") too. */
                @Revision(
                        id = "1a2b3c4d5e6f",
                        down = {"0f9e8d7c6b5a", "00aa11bb22cc"},
                        branchLabels = "accounts",
                        dependsOn = {},
                        message = "say \\"hi\\", \\u00e9",
                        created = "2026-11-25T10:00:00")
                @SuppressWarnings("unused")
                final class CreateUsers_1a2b3c4d5e6f implements Migration {
                }
                """;
        JavaMigrationHeader.Parsed p = JavaMigrationHeader.parse("x.java", source);
        assertThat(p.revision().id()).isEqualTo("1a2b3c4d5e6f");
        assertThat(p.revision().downRevisions()).containsExactly("0f9e8d7c6b5a", "00aa11bb22cc");
        assertThat(p.revision().branchLabels()).containsExactly("accounts");
        assertThat(p.revision().dependsOn()).isEmpty();
        assertThat(p.revision().message()).isEqualTo("say \"hi\", \u00e9");
        assertThat(p.created()).isEqualTo("2026-11-25T10:00:00");
        assertThat(p.className()).isEqualTo("CreateUsers_1a2b3c4d5e6f");
    }

    @Test
    void readsClassNamesInAnyScriptPastComments() {
        assertThat(JavaMigrationHeader.parse("x.java", "@Revision(id = \"c00000000002\")\n"
                + "class Überführung_c00000000002 implements Migration {}").className())
                .isEqualTo("Überführung_c00000000002");
        assertThat(JavaMigrationHeader.parse("x.java", "@Revision(id = \"ee419c9691b6\")\n// why\n/* more\n */\n"
                + "public class Añadir日本_ee419c9691b6 implements Migration {}").className())
                .isEqualTo("Añadir日本_ee419c9691b6");
    }

    @Test
    void errorsNameTheFile() {
        assertThatThrownBy(() -> JavaMigrationHeader.parse("a.java", "class A {}"))
                .hasMessageContaining("a.java: no @Revision(...) annotation");
        assertThatThrownBy(() -> JavaMigrationHeader.parse("a.java", "@Revision(id = ID) class A {}"))
                .hasMessageContaining("a.java:1: @Revision values must be string literals");
        assertThatThrownBy(() -> JavaMigrationHeader.parse("a.java", "@Revision(id = \"1a2b3c4d5e6f\", donw = \"x\") class A {}"))
                .hasMessageContaining("no element 'donw'");
        assertThatThrownBy(() -> JavaMigrationHeader.parse("a.java", "@Revision(id = \"1a2b\") class A {}"))
                .hasMessageContaining("'1a2b' is not 12 lowercase hex");
        assertThatThrownBy(() -> JavaMigrationHeader.parse("a.java", "@Revision(id = \"1a2b3c4d5e6f\")\ninterface A {}"))
                .hasMessageContaining("no class declaration");
    }

    @Test
    void aSecondRevisionInTheFileIsAnErrorAndAMentionOfOneIsNot() {
        String first = "@Revision(id = \"1a2b3c4d5e6f\")\nclass A {\n    // not @Revision(id = \"x\")\n"
                + "    String s = \"@Revision(\";\n}\n";
        assertThat(JavaMigrationHeader.parse("a.java", first).className()).isEqualTo("A");
        // Text blocks and character literals in the body, with quotes and a mention inside, are skipped whole.
        String body = "@Revision(id = \"1a2b3c4d5e6f\")\nclass A {\n    String sql = \"\"\"\n        SELECT \"x\", "
                + "'\"\"' -- @Revision(id = \\\"\"\"\n        \"\"\";\n    char q = '\\'';\n    char d = '\"';\n}\n";
        assertThat(JavaMigrationHeader.parse("a.java", body).className()).isEqualTo("A");
        assertThatThrownBy(() -> JavaMigrationHeader.parse("a.java", first
                + "@Revision(id = \"2b3c4d5e6f7a\", down = \"1a2b3c4d5e6f\")\nclass B {}\n"))
                .hasMessageStartingWith("a.java:6: a second @Revision(...); a Java migration file declares one revision");
    }

    @Property(tries = 200)
    void writtenHeadersParseBack(@ForAll String message) {
        NewRevision r = new NewRevision("1a2b3c4d5e6f", message, List.of("0f9e8d7c6b5a"), List.of(), List.of(),
                LocalDateTime.of(2026, 11, 25, 10, 0), ScriptKind.JAVA, "", "");
        JavaMigrationHeader.Parsed p = JavaMigrationHeader.parse("x.java", ScriptWriter.java(r));
        assertThat(p.revision().message()).isEqualTo(r.message());
        assertThat(p.revision().downRevisions()).containsExactly("0f9e8d7c6b5a");
        assertThat(p.className()).isEqualTo(ScriptWriter.className(r));
    }
}
