package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptWriterTest {
    @Test
    void theSlugKeepsTheWordsOfTheMessage() {
        assertThat(ScriptWriter.slug("Add user phone number")).isEqualTo("add_user_phone_number");
        assertThat(ScriptWriter.slug("  --Add \"user\" table; stuff/../x  ")).isEqualTo("add_user_table_stuff_x");
        assertThat(ScriptWriter.slug("")).isEqualTo("migration");
        assertThat(ScriptWriter.slug("x".repeat(50))).hasSize(40);
    }

    @Test
    void accentedLettersKeepTheirBaseLetter() {
        assertThat(ScriptWriter.slug("Créer la table des employés 🚀")).isEqualTo("creer_la_table_des_employes");
        assertThat(ScriptWriter.slug("Größe ändern")).isEqualTo("grosse_andern");
    }

    @Test
    void theClassNameComesFromTheSlug() {
        NewRevision revision = new NewRevision("1a2b3c4d5e6f", "Créer employés", List.of(), List.of(), List.of(),
                LocalDateTime.of(2026, 12, 4, 10, 0), ScriptKind.JAVA, "", "");
        assertThat(ScriptWriter.className(revision)).isEqualTo("CreerEmployes_1a2b3c4d5e6f");
    }
}
