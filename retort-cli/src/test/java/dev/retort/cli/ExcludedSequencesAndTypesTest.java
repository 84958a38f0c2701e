package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exclude_sequences} and {@code exclude_types}: sequences and enum types that no model maps, and that nothing
 * the comparison leaves alone uses, are left alone when listed, as {@code exclude_tables} leaves tables alone.
 */
class ExcludedSequencesAndTypesTest {
    private static final String MODEL = "CREATE TABLE customer (id int PRIMARY KEY, name text);\n";

    @TempDir
    Path dir;
    Cli cli;
    String devUrl;

    @BeforeEach
    void databaseWithALegacySequenceAndType() {
        cli = new Cli(dir, TestPostgres.freshDatabase());
        devUrl = TestPostgres.freshDatabase() + "?user=postgres";
        cli.sql("aaaaaaaaaaa1", "none", "by hand", MODEL + "CREATE SEQUENCE legacy_seq START 500;\n"
                + "CREATE TYPE legacy_mood AS ENUM ('calm', 'grumpy');", "SELECT 1;");
        cli.ok("upgrade", "head");
        cli.write("schema.sql", MODEL);
    }

    private void models(String more) {
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\n" + more + "dev_url = \"" + devUrl + "\"\n");
    }

    private static List<String> differences(Cli.Result r) {
        return r.out().lines().filter(line -> line.startsWith("  - ")).toList();
    }

    @Test
    void withoutTheSettingsTheyAreDroppedAsBefore() throws IOException {
        models("");

        Cli.Result r = cli.run("check");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(differences(r)).containsExactlyInAnyOrder("  - drop sequence legacy_seq",
                "  - drop enum type legacy_mood");
        assertThat(Files.readString(cli.autogenerate("tidy up"))).contains("op.dropSequence(\"legacy_seq\")")
                .contains("legacy_mood");
    }

    @Test
    void listedOnesAreNeitherDroppedNorCompared() throws IOException {
        models("exclude_sequences = [\"legacy_seq\"]\nexclude_types = [\"legacy_mood\"]\n");
        assertThat(cli.ok("check").out()).contains("No differences");

        // A change elsewhere migrates without touching them.
        cli.write("schema.sql", MODEL + "ALTER TABLE customer ADD COLUMN email text;\n");
        String migration = Files.readString(cli.autogenerate("customer email"));
        assertThat(migration).contains("email").doesNotContain("legacy");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column("SELECT nextval('legacy_seq')")).containsExactly("500");
        assertThat(cli.column("SELECT enum_range(NULL::legacy_mood)::text")).containsExactly("{calm,grumpy}");
    }

    @Test
    void patternsAndNamesInCapitalsNameThemAsExcludeTablesDoes() {
        cli.execute("CREATE SCHEMA billing;\nCREATE SEQUENCE billing.legacy_invoice_no;\n"
                + "CREATE TYPE billing.legacy_state AS ENUM ('open');\nCREATE SEQUENCE other_seq;");
        models("schemas = [\"public\", \"billing\"]\nexclude_sequences = [\"LEGACY_SEQ\", \"billing.legacy_*\"]\n"
                + "exclude_types = [\"*.legacy_*\", \"legacy_mo?d\"]\n");
        cli.write("schema.sql", "CREATE SCHEMA billing;\n" + MODEL);

        Cli.Result r = cli.run("check");

        // A pattern without a schema names the default schema's only, and one with a schema that schema's.
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(differences(r)).containsExactly("  - drop sequence other_seq");
    }

    @Test
    void theModelsOwnAreLeftAloneTooOnItsSide() {
        // The model declares them otherwise than the database has them: neither side is compared.
        cli.write("schema.sql", MODEL + "CREATE SEQUENCE legacy_seq START 1 INCREMENT 50;\n"
                + "CREATE TYPE legacy_mood AS ENUM ('calm', 'grumpy', 'cheerful');\n");
        models("exclude_sequences = [\"legacy_seq\"]\nexclude_types = [\"legacy_mood\"]\n");
        assertThat(cli.ok("check").out()).contains("No differences");

        // Nor are they created where they are missing.
        Cli fresh = new Cli(dir.resolve("fresh"), TestPostgres.freshDatabase());
        fresh.write("schema.sql", MODEL + "CREATE SEQUENCE legacy_seq;\nCREATE TYPE legacy_mood AS ENUM ('calm');\n");
        fresh.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\nexclude_sequences = [\"legacy_seq\"]\n"
                + "exclude_types = [\"legacy_mood\"]\ndev_url = \"" + devUrl + "\"\n");
        Cli.Result r = fresh.run("check");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(differences(r)).containsExactly("  - create table customer");
    }

    /**
     * A listed type is neither compared nor created: a new table of the comparison that uses one the database lacks
     * would be created with a type nothing creates, and the upgrade fails. Autogenerate and check say so.
     */
    @Test
    void aComparedTableUsingAListedTypeTheDatabaseLacksIsWarnedOf() throws IOException {
        String model = MODEL + "CREATE TYPE legacy_mood AS ENUM ('calm');\n"
                + "CREATE TABLE ticket (id int PRIMARY KEY, mood legacy_mood);\n";
        Cli fresh = new Cli(dir.resolve("fresh"), TestPostgres.freshDatabase());
        fresh.write("schema.sql", model);
        fresh.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\nexclude_types = [\"legacy_mood\"]\n"
                + "dev_url = \"" + devUrl + "\"\n");
        String warning = "warning: column ticket.mood has enum type legacy_mood, which exclude_types in [models] "
                + "lists and the database lacks: no migration creates it, so creating table ticket fails. Create the "
                + "type in this migration, before this step (op.execute(\"CREATE TYPE legacy_mood AS ENUM (...)\"), "
                + "with DROP TYPE in the downgrade), or remove it from exclude_types.";

        Cli.Result check = fresh.run("check");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.err()).as(check.toString()).contains(warning);
        Cli.Result generated = fresh.ok("revision", "--autogenerate", "-m", "tickets");
        assertThat(generated.err()).contains(warning);
        Matcher file = Pattern.compile("Generating (\\S+) \\.\\.\\. done").matcher(generated.out());
        assertThat(file.find()).as(generated.toString()).isTrue();
        assertThat(Files.readString(dir.resolve("fresh").resolve(file.group(1))))
                .contains("// WARNING: column ticket.mood has enum type legacy_mood");

        // Where the database has it, the new table uses it as it is, without a word.
        cli.write("schema.sql", model);
        models("exclude_sequences = [\"legacy_seq\"]\nexclude_types = [\"legacy_mood\"]\n");
        Cli.Result r = cli.run("check");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).doesNotContain("exclude_types");
        assertThat(Files.readString(cli.autogenerate("tickets"))).contains("createTable(\"ticket\"")
                .doesNotContain("WARNING");
    }

    @Test
    void aSchemaThatHoldsAListedOneIsNotDropped() {
        cli.execute("CREATE SCHEMA legacy;\nCREATE SEQUENCE legacy.ticket_no;\nCREATE SCHEMA archive;\n"
                + "CREATE TYPE archive.era AS ENUM ('old');");
        models("schemas = [\"public\", \"legacy\", \"archive\"]\nexclude_sequences = [\"legacy_seq\", \"legacy.*\"]\n"
                + "exclude_types = [\"legacy_mood\", \"archive.era\"]\n");

        assertThat(cli.ok("check").out()).contains("No differences");
    }

    @Test
    void aSequenceATableOfTheComparisonOwnsGoesWithItWhateverTheListSays() throws IOException {
        // ticket_id_seq is the serial column's: left out, the new table's default would call a sequence not created.
        cli.write("schema.sql", MODEL + "CREATE TABLE ticket (id serial PRIMARY KEY);\n");
        models("exclude_sequences = [\"*_seq\"]\nexclude_types = [\"legacy_mood\"]\n");

        String migration = Files.readString(cli.autogenerate("tickets"));

        assertThat(migration).contains("createTable(\"ticket\"").contains("serial").doesNotContain("legacy");
        cli.ok("upgrade", "head");
        assertThat(cli.ok("check").out()).contains("No differences");
        assertThat(cli.column("SELECT count(*) FROM pg_class WHERE relname IN ('ticket_id_seq', 'legacy_seq')"))
                .containsExactly("2");
    }

    @Test
    void whatAnExcludedTableOwnsOrUsesIsLeftAloneWithoutBeingListed() {
        cli.execute("CREATE TYPE ticket_state AS ENUM ('open', 'closed');\n"
                + "CREATE TABLE legacy_tickets (id bigint NOT NULL, state ticket_state);\n"
                + "CREATE SEQUENCE ticket_no OWNED BY legacy_tickets.id;");
        models("exclude_tables = [\"legacy_*\"]\nexclude_sequences = [\"legacy_seq\"]\n"
                + "exclude_types = [\"legacy_mood\"]\n");

        assertThat(cli.ok("check").out()).contains("No differences");
    }
}
