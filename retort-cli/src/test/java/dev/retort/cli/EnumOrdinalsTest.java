package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.testkit.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An enum attribute that goes from {@code @Enumerated(ORDINAL)} to {@code STRING}, or back: Hibernate's column goes
 * from {@code smallint} to {@code varchar} with a check on the names, and the migration turns each row's ordinal into
 * its constant's name, as the entities declare them, and back on the way down. The same for a PostgreSQL enum type
 * ({@code @JdbcTypeCode(SqlTypes.NAMED_ENUM)}), whose values Hibernate sorts: the column's {@code USING} turns each
 * ordinal into the type's value for its constant.
 */
class EnumOrdinalsTest {
    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void project() {
        cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("retort.toml", "[models]\nsources = [\"src/main/java\"]\npackages = [\"com.example.equipment\"]\n"
                + "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n");
        // Not in alphabetical order: the ordinals follow the declaration.
        cli.write("src/main/java/com/example/equipment/Status.java",
                "package com.example.equipment;\n\npublic enum Status { RED, GREEN, BLUE }\n");
    }

    private void statusStored(String how) {
        cli.write("src/main/java/com/example/equipment/User.java", AutogenerateJpaTest.user("""

                    @Enumerated(EnumType.%s)
                    private Status status;
                """.formatted(how)));
    }

    /** {@code @JdbcTypeCode(SqlTypes.NAMED_ENUM)}: Hibernate's enum type {@code status}, its values sorted. */
    private void statusNamed() {
        cli.write("src/main/java/com/example/equipment/User.java", AutogenerateJpaTest.user("""

                    @Enumerated(EnumType.STRING)
                    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.NAMED_ENUM)
                    private Status status;
                """));
    }

    /** Creates users as mapped and upgrades to it, then inserts {@code values} (email, status). */
    private void createdWith(String values) {
        cli.autogenerate("create users table");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO users (email, status) VALUES " + values);
    }

    /**
     * Users by ordinal with rows 0 and 7: what an enum that lost its last constant leaves behind, past the check
     * Hibernate made for it.
     */
    private void ordinalsWithOnePastTheConstants() {
        statusStored("ORDINAL");
        cli.autogenerate("create users table");
        cli.ok("upgrade", "head");
        cli.execute("ALTER TABLE users DROP CONSTRAINT users_status_check;\n"
                + "INSERT INTO users (email, status) VALUES ('a', 0), ('b', 7);\n"
                + "ALTER TABLE users ADD CONSTRAINT users_status_check CHECK (status between 0 and 2) NOT VALID");
    }

    private String statusType() {
        return String.join(",", cli.column("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                + "WHERE attrelid = 'users'::regclass AND attname = 'status'"));
    }

    private String statuses() {
        return String.join(",", cli.column("SELECT coalesce(status::text, 'null') FROM users ORDER BY email"));
    }

    @Test
    void ordinalsBecomeNamesAndComeBack() throws IOException {
        statusStored("ORDINAL");
        createdWith("('a', 0), ('b', 2), ('c', null), ('d', 1)");

        statusStored("STRING");
        String migration = Files.readString(cli.autogenerate("status by name"));

        // In the ALTER's USING: one rewrite of the table, no UPDATE.
        assertThat(migration).contains("\"CASE status WHEN 0 THEN 'RED' WHEN 1 THEN 'GREEN' WHEN 2 THEN 'BLUE' "
                + "ELSE status::text END\");")
                .contains("\"CASE status WHEN 'RED' THEN 0 WHEN 'GREEN' THEN 1 WHEN 'BLUE' THEN 2 "
                        + "ELSE status::smallint END\");")
                .contains("(0 becomes 'RED', 1 'GREEN', ...)").contains("review it")
                .doesNotContain("becomes its digits").doesNotContain("UPDATE users");
        cli.ok("upgrade", "head");
        assertThat(statuses()).isEqualTo("RED,BLUE,null,GREEN");
        // Hibernate's check on the names holds, and refuses what is no name.
        assertRefused("INSERT INTO users (email, status) VALUES ('e', '0')");
        assertThat(cli.ok("check").out()).contains("No differences");

        cli.ok("downgrade", "-1");
        assertThat(statuses()).isEqualTo("0,2,null,1");
        assertThat(cli.column("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                + "WHERE attrelid = 'users'::regclass AND attname = 'status'")).containsExactly("smallint");
    }

    @Test
    void namesBecomeOrdinalsInASqlMigrationAndComeBack() throws IOException {
        statusStored("STRING");
        createdWith("('a', 'BLUE'), ('b', 'RED'), ('c', null)");

        statusStored("ORDINAL");
        String migration = Files.readString(cli.autogenerate("status by ordinal", "--sql-file"));

        assertThat(migration).contains("ALTER TABLE users ALTER COLUMN status TYPE smallint USING CASE status "
                + "WHEN 'RED' THEN 0 WHEN 'GREEN' THEN 1 WHEN 'BLUE' THEN 2 ELSE status::smallint END;")
                .contains("ALTER TABLE users ALTER COLUMN status TYPE character varying(255) USING CASE status "
                        + "WHEN 0 THEN 'RED' WHEN 1 THEN 'GREEN' WHEN 2 THEN 'BLUE' ELSE status::text END;")
                .doesNotContain("UPDATE users");
        cli.ok("upgrade", "head");
        assertThat(statuses()).isEqualTo("2,0,null");
        assertThat(cli.ok("check").out()).contains("No differences");

        cli.ok("downgrade", "-1");
        assertThat(statuses()).isEqualTo("BLUE,RED,null");
        assertRefused("INSERT INTO users (email, status) VALUES ('d', '2')");
    }

    @Test
    void anOrdinalWithNoConstantFailsTheUpgrade() {
        ordinalsWithOnePastTheConstants();

        statusStored("STRING");
        cli.autogenerate("status by name");
        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("check constraint \"users_status_check\" of relation \"users\" is violated "
                + "by some row", "rolled back");
        assertThat(statuses()).isEqualTo("0,7");
    }

    @Test
    void ordinalsBecomeAnEnumTypeAndComeBack() throws IOException {
        statusStored("ORDINAL");
        createdWith("('a', 0), ('b', 2), ('c', null), ('d', 1)");

        statusNamed();
        String migration = Files.readString(cli.autogenerate("status as enum type"));

        // The type lists the constants sorted (BLUE, GREEN, RED); the ordinals follow the declaration.
        assertThat(migration).contains("'BLUE', 'GREEN', 'RED'")
                .contains(".type(\"status\", \"coalesce((ARRAY['RED', 'GREEN', 'BLUE']::status[])[status + 1], "
                        + "status::text::status)\");")
                .contains("\"coalesce(array_position(ARRAY['RED', 'GREEN', 'BLUE']::status[], status) - 1, "
                        + "status::text::smallint)\");")
                .contains("(0 becomes 'RED', 1").contains("review it")
                .doesNotContain("no cast from");
        cli.ok("upgrade", "head");
        assertThat(statuses()).isEqualTo("RED,BLUE,null,GREEN");
        assertThat(statusType()).isEqualTo("status");
        assertThat(cli.ok("check").out()).contains("No differences");

        cli.ok("downgrade", "-1");
        assertThat(statuses()).isEqualTo("0,2,null,1");
        assertThat(statusType()).isEqualTo("smallint");
        // Hibernate's check on the ordinals is back.
        assertRefused("INSERT INTO users (email, status) VALUES ('e', 3)");
    }

    @Test
    void anEnumTypeBecomesOrdinalsInASqlMigrationAndComesBack() throws IOException {
        statusNamed();
        createdWith("('a', 'BLUE'), ('b', 'RED'), ('c', null)");

        statusStored("ORDINAL");
        String migration = Files.readString(cli.autogenerate("status by ordinal", "--sql-file"));

        assertThat(migration).contains("ALTER TABLE users ALTER COLUMN status TYPE smallint USING coalesce("
                + "array_position(ARRAY['RED', 'GREEN', 'BLUE']::status[], status) - 1, status::text::smallint);")
                .contains("ALTER TABLE users ALTER COLUMN status TYPE status USING coalesce((ARRAY['RED', 'GREEN', "
                        + "'BLUE']::status[])[status + 1], status::text::status);");
        cli.ok("upgrade", "head");
        assertThat(statuses()).isEqualTo("2,0,null");
        assertThat(statusType()).isEqualTo("smallint");
        assertThat(cli.ok("check").out()).contains("No differences");

        cli.ok("downgrade", "-1");
        assertThat(statuses()).isEqualTo("BLUE,RED,null");
        assertThat(statusType()).isEqualTo("status");
    }

    @Test
    void anOrdinalWithNoConstantFailsTheUpgradeToAnEnumType() {
        // Out of the array's bounds, 7 would become a null; its digits are no value of the type.
        ordinalsWithOnePastTheConstants();

        statusNamed();
        cli.autogenerate("status as enum type");
        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("invalid input value for enum status: \"7\"", "rolled back")
                .doesNotContain("\tat ");
        assertThat(statuses()).isEqualTo("0,7");
        assertThat(statusType()).isEqualTo("smallint");
    }

    @Test
    void aNameWithNoConstantFailsTheWayBack() {
        statusStored("STRING");
        cli.autogenerate("create users table");
        cli.ok("upgrade", "head");
        cli.execute("ALTER TABLE users DROP CONSTRAINT users_status_check;\n"
                + "INSERT INTO users (email, status) VALUES ('a', 'RED'), ('b', 'PINK')");

        statusStored("ORDINAL");
        cli.autogenerate("status by ordinal");
        Cli.Result r = cli.run("upgrade", "head");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("invalid input syntax for type smallint: \"PINK\"", "rolled back");
        assertThat(statuses()).isEqualTo("RED,PINK");
    }

    @Test
    void theConversionFiresNoUpdateTrigger() {
        statusStored("ORDINAL");
        createdWith("('a', 0), ('b', 2)");
        cli.execute("CREATE TABLE audit (what text);\n"
                + "CREATE FUNCTION audited() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "INSERT INTO audit VALUES (TG_OP); RETURN NEW; END $$;\n"
                + "CREATE TRIGGER users_audit AFTER UPDATE ON users FOR EACH ROW EXECUTE FUNCTION audited()");

        statusStored("STRING");
        cli.autogenerate("status by name");
        cli.ok("upgrade", "head");
        assertThat(statuses()).isEqualTo("RED,BLUE");
        cli.ok("downgrade", "-1");

        assertThat(statuses()).isEqualTo("0,2");
        assertThat(cli.column("SELECT count(*) FROM audit")).containsExactly("0");
    }

    @Test
    void theConversionReachesTheRowsARowSecurityPolicyHides() {
        String role = "rls_" + Long.toHexString(System.nanoTime());
        cli.execute("CREATE ROLE " + role + " LOGIN");
        cli.execute("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I OWNER TO " + role
                + "', current_database()); END $$");
        cli.environment.put("DATABASE_URL", cli.jdbcUrl + "?user=" + role);
        statusStored("ORDINAL");
        createdWith("('a', 0), ('b', 2)");
        // The role owns the table, whose policy shows it a's row alone: an UPDATE would leave b's 2 for the check.
        cli.execute("ALTER TABLE users ENABLE ROW LEVEL SECURITY; ALTER TABLE users FORCE ROW LEVEL SECURITY; "
                + "CREATE POLICY only_a ON users USING (email = 'a')");

        statusStored("STRING");
        cli.autogenerate("status by name");
        cli.ok("upgrade", "head");
        assertThat(statuses()).isEqualTo("RED,BLUE");

        cli.ok("downgrade", "-1");
        assertThat(statuses()).isEqualTo("0,2");
    }

    /** Users with a plain {@code Integer level} (1 low, 2 medium), which holds no enum's ordinals. */
    private void plainLevels() {
        cli.write("src/main/java/com/example/equipment/Level.java",
                "package com.example.equipment;\n\npublic enum Level { LOW, MEDIUM, HIGH }\n");
        cli.write("src/main/java/com/example/equipment/User.java", AutogenerateJpaTest.user("""

                    private Integer level;
                """));
        cli.autogenerate("create users table");
        cli.ok("upgrade", "head");
        cli.execute("INSERT INTO users (email, level) VALUES ('a', 1), ('b', 2)");
    }

    private String levels() {
        return String.join(",", cli.column("SELECT coalesce(level::text, 'null') FROM users ORDER BY email"));
    }

    @Test
    void aPlainIntegerMadeAnEnumByNameIsNotConvertedAsOrdinals() throws IOException {
        plainLevels();

        cli.write("src/main/java/com/example/equipment/User.java", AutogenerateJpaTest.user("""

                    @Enumerated(EnumType.STRING)
                    private Level level;
                """));
        String migration = Files.readString(cli.autogenerate("level by name"));

        // No check on the ordinals: 1 and 2 are no ordinals of Level, and MEDIUM, HIGH would be wrong.
        assertThat(migration).doesNotContain("CASE level WHEN 0");
        assertThat(unwrapped(migration)).contains("each number becomes its digits");
        Cli.Result r = cli.run("upgrade", "head");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("users_level_check", "rolled back");
        assertThat(levels()).isEqualTo("1,2");
    }

    @Test
    void aPlainIntegerMadeAnEnumTypeIsNotConvertedAsOrdinals() throws IOException {
        plainLevels();

        cli.write("src/main/java/com/example/equipment/User.java", AutogenerateJpaTest.user("""

                    @Enumerated(EnumType.STRING)
                    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.NAMED_ENUM)
                    private Level level;
                """));
        String migration = Files.readString(cli.autogenerate("level as enum type"));

        assertThat(migration).doesNotContain("coalesce((ARRAY['LOW'");
        assertThat(unwrapped(migration)).contains("integer to level");
        Cli.Result r = cli.run("upgrade", "head");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("rolled back");
        assertThat(levels()).isEqualTo("1,2");
    }

    @Test
    void anEnumThatLostAConstantIsNotConvertedByPosition() throws IOException {
        cli.write("src/main/java/com/example/equipment/Status.java",
                "package com.example.equipment;\n\npublic enum Status { RED, GREEN, YELLOW, BLUE }\n");
        statusStored("ORDINAL");
        createdWith("('a', 1), ('b', 2)");

        // YELLOW goes, and the mapping with it: by position, YELLOW's 2 would become BLUE.
        cli.write("src/main/java/com/example/equipment/Status.java",
                "package com.example.equipment;\n\npublic enum Status { RED, GREEN, BLUE }\n");
        statusStored("STRING");
        String migration = Files.readString(cli.autogenerate("status by name"));

        assertThat(migration).contains("op.alterColumn(\"users\", \"status\").type(\"character varying(255)\");")
                .doesNotContain("CASE status WHEN 2");
        assertThat(unwrapped(migration)).contains("users.status holds the ordinals of an enum whose constants have "
                + "changed: Hibernate's check on it allows 4 (0 to 3), the model's enum declares 3 now");
        Cli.Result r = cli.run("upgrade", "head");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("users_status_check", "rolled back");
        assertThat(statuses()).isEqualTo("1,2");
    }

    @Test
    void aBigintOrdinalBecomesAnEnumTypeAndComesBack() throws IOException {
        cli.write("src/main/java/com/example/equipment/User.java", AutogenerateJpaTest.user("""

                    @Enumerated(EnumType.ORDINAL)
                    @Column(columnDefinition = "bigint")
                    private Status status;
                """));
        createdWith("('a', 0), ('b', 2), ('c', null), ('d', 1)");

        statusNamed();
        String migration = Files.readString(cli.autogenerate("status as enum type"));

        assertThat(migration).contains("coalesce((ARRAY['RED', 'GREEN', 'BLUE']::status[])[status + 1]");
        cli.ok("upgrade", "head");
        assertThat(statuses()).isEqualTo("RED,BLUE,null,GREEN");
        assertThat(statusType()).isEqualTo("status");

        cli.ok("downgrade", "-1");
        assertThat(statuses()).isEqualTo("0,2,null,1");
        assertThat(statusType()).isEqualTo("bigint");
    }

    /** The migration with its comments' wrapped lines joined. */
    private static String unwrapped(String migration) {
        return migration.replaceAll("\n\\s*// ", " ");
    }

    private void assertRefused(String insert) {
        assertThatThrownBy(() -> cli.execute(insert)).hasMessageContaining("violates check constraint");
    }
}
