package dev.retort.autogenerate.diff;

import static dev.retort.autogenerate.diff.TestSchemas.keyed;
import static dev.retort.autogenerate.diff.TestSchemas.schema;
import static dev.retort.autogenerate.diff.TestSchemas.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.retort.operation.AddColumn;
import dev.retort.operation.AddConstraint;
import dev.retort.operation.CheckDef;
import dev.retort.operation.DropConstraint;
import dev.retort.operation.AlterColumn;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.CreateSequence;
import dev.retort.operation.DropSequence;
import dev.retort.operation.SequenceOptions;
import dev.retort.operation.SequenceOwner;
import dev.retort.operation.CommentChange;
import dev.retort.operation.DefaultChange;
import dev.retort.operation.DropColumn;
import dev.retort.operation.Execute;
import dev.retort.operation.Identity;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.TypeChange;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.EnumType;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Columns of a table that stays: add, drop, and every property that can change. */
class ColumnChangesTest {
    private static final String DEPENDS = "in the session's time zone, which a live run and a --sql script take from "
            + "the machine that runs or prints them (its TZ).";

    private static final QualifiedName USERS = QualifiedName.of("users");
    private static final ColumnDef ID = ColumnDef.of("id", "integer").notNull();
    private final SchemaDiffer differ = new SchemaDiffer(Renames.NONE);

    @Test
    void addsAColumnAndDropsItOnDowngrade() {
        ColumnDef phone = ColumnDef.of("phone_number", "character varying(20)");

        SchemaDiff diff = differ.diff(users(), users(phone));

        assertThat(diff.upgrade()).containsExactly(new Change(new AddColumn(USERS, phone, false),
                "add column users.phone_number character varying(20)", false, null));
        assertThat(diff.downgrade()).containsExactly(new Change(new DropColumn(USERS, "phone_number", false, false),
                "drop column users.phone_number", true, null));
    }

    @Test
    void anAddedColumnSaysWhetherItIsNotNullAndItsDefault() {
        ColumnDef active = ColumnDef.of("active", "boolean").notNull().defaultExpression("true");

        SchemaDiff diff = differ.diff(users(), users(active));

        assertThat(diff.upgrade()).extracting(Change::description)
                .containsExactly("add column users.active boolean not null default true");
    }

    @Test
    void aChangeOfBaseTypeCastsWithUsingAndLosesData() {
        SchemaDiff diff = differ.diff(users(ColumnDef.of("amount", "integer")),
                users(ColumnDef.of("amount", "numeric(10,2)")));

        assertThat(diff.upgrade()).containsExactly(new Change(new AlterColumn(USERS, "amount",
                new TypeChange("numeric(10,2)", "amount::numeric(10,2)"), null, null, null, null),
                "alter column users.amount: type integer -> numeric(10,2)", true, null));
        assertThat(diff.downgrade()).containsExactly(new Change(new AlterColumn(USERS, "amount",
                new TypeChange("integer", "amount::integer"), null, null, null, null),
                "alter column users.amount: type numeric(10,2) -> integer", true, null));
    }

    @Test
    void anEnumGoingFromOrdinalToStringWarnsThatItsNumbersBecomeDigits() {
        // Hibernate's column for @Enumerated(ORDINAL) and then for @Enumerated(STRING).
        SchemaDiff diff = differ.diff(users(ColumnDef.of("status", "smallint")),
                users(ColumnDef.of("status", "character varying(255)")));

        assertThat(diff.upgrade()).containsExactly(new Change(new AlterColumn(USERS, "status",
                new TypeChange("character varying(255)", null), null, null, null, null),
                "alter column users.status: type smallint -> character varying(255)", true,
                "users.status changes from smallint to character varying(255), and each number becomes its digits "
                        + "('0', '1', ...). If it holds an enum's ordinals (@Enumerated(ORDINAL) now STRING), turn "
                        + "them into the names after this step and before a check constraint on the names is added, "
                        + "e.g. UPDATE users SET status = CASE status WHEN '0' THEN '...' WHEN '1' THEN '...' END; "
                        + "otherwise the migration fails on that check, or keeps the digits. A value longer than 255 "
                        + "characters makes the migration fail, and change nothing (PostgreSQL cuts none); shorten "
                        + "such values first."));
        // The way back fails on the names ('GREEN' is no smallint) unless they are turned back into the ordinals.
        assertThat(diff.downgrade()).extracting(Change::warning).containsExactly(
                "users.status changes from character varying(255) to smallint, and a value that is not a number's "
                        + "digits (an enum's name, 'GREEN') makes the migration fail. If it holds an enum's names "
                        + "(@Enumerated(STRING) back to ORDINAL), turn them into the ordinals before this step and "
                        + "after a check constraint on the names is dropped, e.g. UPDATE users SET status = CASE "
                        + "status WHEN '...' THEN '0' WHEN '...' THEN '1' END.");
    }

    @Test
    void anEnumTheModelKnowsHasItsOrdinalsTurnedIntoItsNamesAndBack() {
        SchemaDiffer knowing = new SchemaDiffer(Renames.NONE, Map.of(), true, true, Map.of(),
                Map.of("users.status", List.of("RED", "GREEN", "O'NEIL")));

        SchemaDiff diff = knowing.diff(ordinals("status", "smallint", "(status >= 0) AND (status <= 2)"),
                users(ColumnDef.of("status", "character varying(255)")));

        // In the ALTER's USING: one rewrite, no UPDATE (which would fire triggers and miss rows a policy hides).
        assertThat(diff.upgrade()).extracting(Change::operation).containsExactly(
                new DropConstraint(USERS, "users_status_check", false, false),
                new AlterColumn(USERS, "status", new TypeChange("character varying(255)", "CASE status WHEN 0 THEN "
                        + "'RED' WHEN 1 THEN 'GREEN' WHEN 2 THEN 'O''NEIL' ELSE status::text END"), null, null, null,
                        null));
        assertThat(diff.upgrade().get(1).warning()).startsWith("users.status holds an enum stored by its ordinals, "
                + "now by its names (@Enumerated(ORDINAL) now STRING), as Hibernate's check on it (0 to 2) shows: "
                + "the USING turns each ordinal into the name of the constant in the order the model declares them "
                + "(0 becomes 'RED', 1 'GREEN', ...). It assumes that order has not changed since the rows were "
                + "written: review it. A value that is no ordinal of the enum keeps its digits, for the check on the "
                + "names to refuse.").doesNotContain("becomes its digits");
        // The cast back fails on a name that is none of the enum's.
        assertThat(diff.downgrade()).extracting(Change::operation).containsExactly(
                new AlterColumn(USERS, "status", new TypeChange("smallint", "CASE status WHEN 'RED' THEN 0 WHEN "
                        + "'GREEN' THEN 1 WHEN 'O''NEIL' THEN 2 ELSE status::smallint END"), null, null, null, null),
                new AddConstraint(USERS, new CheckDef("users_status_check", "(status >= 0) AND (status <= 2)")));
        assertThat(diff.downgrade().get(0).warning()).contains("('RED' becomes 0, 'GREEN' 1, ...)")
                .contains("fails the cast to smallint");
    }

    @Test
    void anIntegerWithoutTheOrdinalsCheckIsNotConvertedAsOrdinals() {
        // A plain Integer level (1 low, 2 medium) made an enum: its numbers are no ordinals.
        SchemaDiffer knowing = new SchemaDiffer(Renames.NONE, Map.of(), true, true, Map.of(),
                Map.of("users.level", List.of("LOW", "MEDIUM", "HIGH")));

        SchemaDiff diff = knowing.diff(users(ColumnDef.of("level", "integer")),
                users(ColumnDef.of("level", "character varying(255)")));

        assertThat(diff.upgrade()).extracting(Change::operation).containsExactly(new AlterColumn(USERS, "level",
                new TypeChange("character varying(255)", null), null, null, null, null));
        assertThat(diff.upgrade().get(0).warning()).startsWith("users.level changes from integer to character "
                + "varying(255), and each number becomes its digits");
        assertThat(diff.downgrade()).extracting(Change::operation).containsExactly(new AlterColumn(USERS, "level",
                new TypeChange("integer", "level::integer"), null, null, null, null));
        assertThat(diff.downgrade().get(0).warning()).startsWith("users.level changes from character varying(255) "
                + "to integer, and a value that is not a number's digits");
    }

    @Test
    void ordinalsOfAnEnumWithAnotherNumberOfConstantsAreNotConverted() {
        // Four constants when the rows were written, three now: which one went, no position says.
        SchemaDiffer knowing = new SchemaDiffer(Renames.NONE, Map.of(), true, true, Map.of(),
                Map.of("users.colour", List.of("RED", "GREEN", "BLUE")));

        SchemaDiff diff = knowing.diff(ordinals("colour", "smallint", "(colour >= 0) AND (colour <= 3)"),
                users(ColumnDef.of("colour", "character varying(255)")));

        assertThat(diff.upgrade().get(1).operation()).isEqualTo(new AlterColumn(USERS, "colour",
                new TypeChange("character varying(255)", null), null, null, null, null));
        assertThat(diff.upgrade().get(1).warning()).startsWith("users.colour holds the ordinals of an enum whose "
                + "constants have changed: Hibernate's check on it allows 4 (0 to 3), the model's enum declares 3 "
                + "now, so the ordinals cannot be mapped to the constants by their position and Retort converts no "
                + "row. Write the mapping of the old ordinals to the constants yourself. users.colour changes from "
                + "smallint to character varying(255), and each number becomes its digits");
        assertThat(diff.downgrade().get(0).operation()).isEqualTo(new AlterColumn(USERS, "colour",
                new TypeChange("smallint", "colour::smallint"), null, null, null, null));
        assertThat(diff.downgrade().get(0).warning()).startsWith("users.colour held the ordinals of an enum whose "
                + "constants have changed");

        // The same into an enum type: no array by position.
        SchemaDiff named = knowing.diff(ordinals("colour", "smallint", "(colour >= 0) AND (colour <= 3)"),
                withEnum(users(ColumnDef.of("colour", "colour")), "colour", "BLUE", "GREEN", "RED"));
        assertThat(named.upgrade()).extracting(Change::operation).contains(new AlterColumn(USERS, "colour",
                new TypeChange("colour", "colour::colour"), null, null, null, null));
        assertThat(named.upgrade()).extracting(Change::warning).anyMatch(w -> w != null
                && w.startsWith("users.colour holds the ordinals of an enum whose constants have changed"));
    }

    @Test
    void anArrayOfOrdinalsMadeTextWarnsThatItsElementsStayDigitsBothWays() {
        SchemaDiffer knowing = new SchemaDiffer(Renames.NONE, Map.of(), true, true, Map.of(),
                Map.of("users.tags", List.of("RED", "GREEN")));

        SchemaDiff diff = knowing.diff(users(ColumnDef.of("tags", "smallint[]")),
                users(ColumnDef.of("tags", "character varying(255)[]")));

        assertThat(diff.upgrade().get(0).warning()).startsWith("users.tags changes from smallint[] to character "
                + "varying(255)[], and each element becomes its digits ('0', '1', ...); no check refuses them.")
                .contains("array_replace(array_replace(tags, '0', '...'), '1', '...')");
        assertThat(diff.downgrade().get(0).warning()).startsWith("users.tags changes from character varying(255)[] "
                + "to smallint[], and an element that is not a number's digits (an enum's name, 'GREEN') makes the "
                + "migration fail.");
    }

    /** Users with {@code column} of {@code type} under Hibernate's check on an enum's ordinals. */
    private static DatabaseSchema ordinals(String column, String type, String check) {
        return schema(table("users").column(ID).column(ColumnDef.of(column, type)).primaryKey("users_pkey", "id")
                .check("users_" + column + "_check", check).build());
    }

    @Test
    void ordinalsBecomingAnEnumGetAConversionSuggestedButNotWrittenBothWays() {
        // @Enumerated(ORDINAL), then @JdbcTypeCode(NAMED_ENUM): Hibernate's type lists the constants sorted, not in
        // their ordinals' order, so an array of its values would give rows the wrong constants.
        DatabaseSchema ordinal = users(ColumnDef.of("mood", "smallint"));
        DatabaseSchema named = withEnum(users(ColumnDef.of("mood", "mood")), "mood", "HAPPY", "O'K", "SAD");

        SchemaDiff diff = differ.diff(ordinal, named);

        assertThat(diff.upgrade()).extracting(Change::description).containsExactly(
                "create enum type mood ('HAPPY', 'O''K', 'SAD')", "alter column users.mood: type smallint -> mood");
        assertThat(diff.upgrade().get(1).operation()).isEqualTo(new AlterColumn(USERS, "mood",
                new TypeChange("mood", "mood::mood"), null, null, null, null));
        assertThat(diff.upgrade().get(1).warning()).isEqualTo("users.mood changes from smallint to mood, but "
                + "PostgreSQL has no cast from smallint to mood, so this step fails as written, even on an empty "
                + "table. Write a USING expression that converts the values (if it holds an enum's ordinals, "
                + "(ARRAY['HAPPY', 'O''K', 'SAD']::mood[])[mood + 1] with the Java enum's constants in declaration "
                + "order, which the type need not keep (Hibernate lists them sorted)), or drop the column and add it "
                + "again when its values need not be kept.");
        assertThat(diff.downgrade()).extracting(Change::description).containsExactly(
                "alter column users.mood: type mood -> smallint", "drop enum type mood");
        assertThat(diff.downgrade().get(0).warning()).contains("no cast from mood to smallint")
                .contains("array_position(ARRAY['HAPPY', 'O''K', 'SAD']::mood[], mood) - 1");
    }

    @Test
    void ordinalsBecomingAnEnumTheModelKnowsAreConvertedInTheConstantsOrderBothWays() {
        // The model declares SAD, O'K, HAPPY; Hibernate's type lists them sorted.
        SchemaDiffer knowing = new SchemaDiffer(Renames.NONE, Map.of(), true, true, Map.of(),
                Map.of("users.mood", List.of("SAD", "O'K", "HAPPY")));
        DatabaseSchema ordinal = ordinals("mood", "smallint", "((mood >= 0) AND (mood <= 2))");
        DatabaseSchema named = withEnum(users(ColumnDef.of("mood", "mood")), "mood", "HAPPY", "O'K", "SAD");

        SchemaDiff diff = knowing.diff(ordinal, named);

        // An ordinal past the array would be a null: the cast of its digits to the type refuses it instead.
        assertThat(diff.upgrade()).extracting(Change::description).containsExactly(
                "create enum type mood ('HAPPY', 'O''K', 'SAD')",
                "drop check constraint users_mood_check on users (((mood >= 0) AND (mood <= 2)))",
                "alter column users.mood: type smallint -> mood");
        assertThat(diff.upgrade().get(2).operation()).isEqualTo(new AlterColumn(USERS, "mood", new TypeChange("mood",
                "coalesce((ARRAY['SAD', 'O''K', 'HAPPY']::mood[])[mood + 1], mood::text::mood)"), null, null, null,
                null));
        assertThat(diff.upgrade().get(2).warning()).isEqualTo("users.mood holds an enum stored by its ordinals, now "
                + "as enum type mood (@Enumerated(ORDINAL) now @JdbcTypeCode(SqlTypes.NAMED_ENUM)): the USING turns "
                + "each ordinal into the value of the constant in the order the model declares them, not the type's "
                + "(0 becomes 'SAD', 1 'O''K', ...). It assumes that order has not changed since the rows were "
                + "written: review it. An ordinal with no constant fails the cast to mood, and the migration with "
                + "it, changing nothing.");
        assertThat(diff.downgrade()).extracting(Change::description).containsExactly(
                "alter column users.mood: type mood -> smallint",
                "add check constraint users_mood_check on users (((mood >= 0) AND (mood <= 2)))",
                "drop enum type mood");
        assertThat(diff.downgrade().get(0).operation()).isEqualTo(new AlterColumn(USERS, "mood",
                new TypeChange("smallint", "coalesce(array_position(ARRAY['SAD', 'O''K', 'HAPPY']::mood[], mood) - 1, "
                        + "mood::text::smallint)"), null, null, null, null));
        assertThat(diff.downgrade().get(0).warning()).contains("('SAD' becomes 0, 'O''K' 1, ...)")
                .contains("fails the cast to smallint").doesNotContain("no cast");

        // NAMED_ENUM made ORDINAL again: the same the other way round.
        SchemaDiff back = knowing.diff(named, ordinal);
        assertThat(back.upgrade()).extracting(Change::operation).first().isEqualTo(new AlterColumn(USERS, "mood",
                new TypeChange("smallint", "coalesce(array_position(ARRAY['SAD', 'O''K', 'HAPPY']::mood[], mood) - 1, "
                        + "mood::text::smallint)"), null, null, null, null));
        assertThat(back.downgrade()).extracting(Change::operation).contains(new AlterColumn(USERS, "mood",
                new TypeChange("mood", "coalesce((ARRAY['SAD', 'O''K', 'HAPPY']::mood[])[mood + 1], "
                        + "mood::text::mood)"), null, null, null, null));
    }

    @Test
    void anEnumTypeThatLacksTheModelsConstantsOnlyGetsTheConversionSuggested() {
        SchemaDiffer knowing = new SchemaDiffer(Renames.NONE, Map.of(), true, true, Map.of(),
                Map.of("users.mood", List.of("SAD", "OK", "HAPPY")));

        SchemaDiff diff = knowing.diff(users(ColumnDef.of("mood", "smallint")),
                withEnum(users(ColumnDef.of("mood", "mood")), "mood", "OK", "SAD"));

        assertThat(diff.upgrade().get(1).operation()).isEqualTo(new AlterColumn(USERS, "mood",
                new TypeChange("mood", "mood::mood"), null, null, null, null));
        assertThat(diff.upgrade().get(1).warning()).contains("no cast from smallint to mood")
                .contains("(ARRAY['OK', 'SAD']::mood[])[mood + 1]");
    }

    @Test
    void aTypeChangePostgresqlHasNoCastForIsKeptWithAWarningBothWays() {
        assertNoCast("bigint", "uuid", "uid::uuid", "");
        assertNoCast("boolean", "smallint", "flag::smallint", " (here perhaps flag::integer)");
        assertNoCast("timestamp with time zone", "bigint", "flag::bigint", " (here perhaps extract(epoch from flag))");
        assertNoCast("numeric", "interval second(6)", "flag::interval second(6)",
                " (here perhaps flag * interval '1 second')");
        assertNoCast("character varying(255)[]", "jsonb", "flag::jsonb", "");
        // Hibernate maps a Duration to numeric(21,0) in nanoseconds: as seconds, an hour became a billion hours.
        assertNoCast("numeric(21,0)", "interval second(6)", "flag::interval second(6)", " (here perhaps flag / 1e9 * "
                + "interval '1 second', as a Duration that Hibernate maps to numeric(21,0) holds nanoseconds)");
        assertThat(differ.diff(users(ColumnDef.of("flag", "numeric(21,0)")),
                users(ColumnDef.of("flag", "interval second(6)"))).downgrade().get(0).warning())
                .contains("(here perhaps extract(epoch from flag) * 1e9, as a Duration that Hibernate maps to "
                        + "numeric(21,0) holds nanoseconds)");

        // An enum without the ordinals' conversion: its values in the desired schema are unknown.
        SchemaDiff diff = differ.diff(users(ColumnDef.of("mood", "bigint")),
                withEnum(users(ColumnDef.of("mood", "mood")), "mood", "SAD"));
        assertThat(diff.upgrade().get(1).warning()).startsWith("users.mood changes from bigint to mood, but "
                + "PostgreSQL has no cast from bigint to mood");
    }

    @Test
    void aTypeChangePostgresqlCastsHasNoCastWarning() {
        String[][] pairs = {{"integer", "bigint"}, {"text", "integer"}, {"mood", "text"}, {"text", "mood"},
            {"timestamp without time zone", "timestamp with time zone"}, {"integer[]", "bigint[]"},
            {"text", "integer[]"}, {"json", "jsonb"}, {"jsonb", "numeric"}, {"citext", "uuid"}};
        for (String[] pair : pairs) {
            SchemaDiff diff = differ.diff(withEnum(users(ColumnDef.of("v", pair[0])), "mood", "SAD"),
                    withEnum(users(ColumnDef.of("v", pair[1])), "mood", "SAD"));

            assertThat(diff.upgrade()).as(pair[0] + " -> " + pair[1]).extracting(Change::warning)
                    .allMatch(w -> w == null || !w.contains("no cast"));
        }
    }

    /** {@code from} -> {@code to} writes {@code using}, warns that it fails, and the way back too. */
    private void assertNoCast(String from, String to, String using, String example) {
        String column = using.substring(0, using.indexOf(':'));
        SchemaDiff diff = differ.diff(users(ColumnDef.of(column, from)), users(ColumnDef.of(column, to)));

        assertThat(diff.upgrade()).hasSize(1);
        assertThat(((AlterColumn) diff.upgrade().get(0).operation()).type()).isEqualTo(new TypeChange(to, using));
        assertThat(diff.upgrade().get(0).warning()).isEqualTo("users." + column + " changes from " + from + " to " + to
                + ", but PostgreSQL has no cast from " + TypeNames.base(from).replace("[]", "") + " to "
                + TypeNames.base(to).replace(" second", "") + ", so this step fails as written, even on an empty"
                + " table. Write a USING expression that converts the values" + example + ", or drop the column and"
                + " add it again when its values need not be kept.");
        assertThat(diff.downgrade().get(0).warning()).as("the way back").contains("PostgreSQL has no cast from");
    }

    private static DatabaseSchema withEnum(DatabaseSchema schema, String name, String... values) {
        return new DatabaseSchema(schema.schemas(), schema.tables(),
                List.of(new EnumType(QualifiedName.of(name), List.of(values))), schema.sequences(), List.of());
    }

    @Test
    void aLargeObjectColumnIsConvertedThroughItsContentsBothWays() {
        // Hibernate's @Lob String on PostgreSQL, and the same field mapped to text.
        SchemaDiff diff = differ.diff(users(ColumnDef.of("notes", "oid"), ColumnDef.of("photo", "oid")),
                users(ColumnDef.of("notes", "text"), ColumnDef.of("photo", "bytea")));

        assertThat(diff.upgradeOperations()).containsExactly(
                new AlterColumn(USERS, "notes", new TypeChange("text", "convert_from(lo_get(notes), 'UTF8')"), null,
                        null, null, null),
                new AlterColumn(USERS, "photo", new TypeChange("bytea", "lo_get(photo)"), null, null, null, null));
        assertThat(diff.upgrade()).first().extracting(Change::warning).isEqualTo("users.notes changes from oid to "
                + "text: the values are read from the large objects the column names (lo_get), which stay in the "
                + "database until removed with lo_unlink, or vacuumlo.");
        assertThat(diff.downgradeOperations()).containsExactly(
                new AlterColumn(USERS, "notes", new TypeChange("oid", "lo_from_bytea(0, convert_to(notes, 'UTF8'))"),
                        null, null, null, null),
                new AlterColumn(USERS, "photo", new TypeChange("oid", "lo_from_bytea(0, photo)"), null, null, null,
                        null));
    }

    @Test
    void aLengthChangeNeedsNoCastAndLosesDataOnlyWhenNarrowing() {
        SchemaDiff diff = differ.diff(users(ColumnDef.of("name", "character varying(20)")),
                users(ColumnDef.of("name", "character varying(40)")));

        assertThat(diff.upgrade()).containsExactly(new Change(new AlterColumn(USERS, "name",
                new TypeChange("character varying(40)", null), null, null, null, null),
                "alter column users.name: type character varying(20) -> character varying(40)", false, null,
                "character varying(20) to character varying(40)"));
        assertThat(diff.downgrade()).containsExactly(new Change(new AlterColumn(USERS, "name",
                new TypeChange("character varying(20)", null), null, null, null, null),
                "alter column users.name: type character varying(40) -> character varying(20)", true,
                "users.name changes from character varying(40) to character varying(20): a value longer than 20 "
                        + "characters makes the migration fail, and change nothing (PostgreSQL cuts none); shorten "
                        + "such values first."));
    }

    @Test
    void aChangeIntoABoundedStringTypeLeavesTheLengthCheckToPostgresql() {
        // An explicit cast to varchar(n) or char(n) cuts a value to fit; the assignment that ALTER TYPE makes
        // without USING fails on it, and the migration with it.
        SchemaDiff diff = differ.diff(
                users(ColumnDef.of("body", "text"), ColumnDef.of("code", "character varying(10)"),
                        ColumnDef.of("tags", "text[]"), ColumnDef.of("mood", "mood"), ColumnDef.of("id2", "uuid")),
                users(ColumnDef.of("body", "character varying(255)"), ColumnDef.of("code", "character(3)"),
                        ColumnDef.of("tags", "character varying(8)[]"), ColumnDef.of("mood", "character varying(5)"),
                        ColumnDef.of("id2", "character(36)")));

        assertThat(diff.upgradeOperations()).containsExactly(
                new AlterColumn(USERS, "body", new TypeChange("character varying(255)", null), null, null, null, null),
                new AlterColumn(USERS, "code", new TypeChange("character(3)", null), null, null, null, null),
                new AlterColumn(USERS, "tags", new TypeChange("character varying(8)[]", null), null, null, null,
                        null),
                new AlterColumn(USERS, "mood", new TypeChange("character varying(5)", null), null, null, null, null),
                new AlterColumn(USERS, "id2", new TypeChange("character(36)", null), null, null, null, null));
        assertThat(diff.upgrade()).extracting(Change::losesData).containsOnly(true);
        assertThat(diff.upgrade().get(0).warning()).isEqualTo("users.body changes from text to character "
                + "varying(255): a value longer than 255 characters makes the migration fail, and change nothing "
                + "(PostgreSQL cuts none); shorten such values first.");
        // Back to types without a bound, the cast cuts nothing.
        assertThat(diff.downgradeOperations()).contains(
                new AlterColumn(USERS, "tags", new TypeChange("text[]", "tags::text[]"), null, null, null, null));
    }

    @Test
    void aCharacterColumnThatBecomesALongerStringLosesOnlyItsPadding() {
        // A Java char (character(1)) made a String: nothing can be too long, but the blanks that pad it go.
        SchemaDiff diff = differ.diff(users(ColumnDef.of("grade", "character(1)")),
                users(ColumnDef.of("grade", "character varying(255)")));

        assertThat(diff.upgrade()).containsExactly(new Change(new AlterColumn(USERS, "grade",
                new TypeChange("character varying(255)", null), null, null, null, null),
                "alter column users.grade: type character(1) -> character varying(255)", false,
                "users.grade changes from character(1) to character varying(255): the cast drops the blanks that pad "
                        + "each value ('ab   ' becomes 'ab', ' ' becomes ''). PostgreSQL compared the values without "
                        + "them already, but the application reads them without the blanks from now on; to keep the "
                        + "padding, write USING rpad(grade, n) with the old length."));
        // Back, a value longer than one character makes the migration fail, as PostgreSQL cuts none.
        assertThat(diff.downgrade().get(0).losesData()).isTrue();
        assertThat(diff.downgrade().get(0).warning()).contains("a value longer than 1 characters");
    }

    /** The way back from character(5) to varchar(5): no varchar(4) or varchar(5) value is too long for it. */
    @Test
    void aStringThatFitsItsNewCharacterLengthIsNotWarnedOfLength() {
        for (String from : List.of("character varying(4)", "character varying(5)")) {
            SchemaDiff diff = differ.diff(users(ColumnDef.of("code", from)),
                    users(ColumnDef.of("code", "character(5)")));
            assertThat(diff.upgrade().get(0).warning()).as(from).isNull();
        }
        SchemaDiff longer = differ.diff(users(ColumnDef.of("code", "character varying(6)")),
                users(ColumnDef.of("code", "character(5)")));
        assertThat(longer.upgrade().get(0).warning()).contains("a value longer than 5 characters");
    }

    @Test
    void anArrayOfWiderElementsLosesNoData() {
        SchemaDiff diff = differ.diff(users(ColumnDef.of("counts", "integer[]")),
                users(ColumnDef.of("counts", "bigint[]")));

        assertThat(diff.upgrade()).extracting(Change::losesData).containsExactly(false);
        assertThat(diff.downgrade()).extracting(Change::losesData).containsExactly(true);
    }

    @Test
    void aChangeIntoABitStringCastsOnlyWhatNeedsItAndNeverToTheLength() {
        SchemaDiff diff = differ.diff(
                users(ColumnDef.of("flags", "bit varying(8)"), ColumnDef.of("mask", "text"),
                        ColumnDef.of("masks", "text[]"), ColumnDef.of("n", "integer")),
                users(ColumnDef.of("flags", "bit(8)"), ColumnDef.of("mask", "bit(4)"),
                        ColumnDef.of("masks", "bit varying(4)[]"), ColumnDef.of("n", "bit(8)")));

        assertThat(diff.upgradeOperations()).containsExactly(
                new AlterColumn(USERS, "flags", new TypeChange("bit(8)", null), null, null, null, null),
                new AlterColumn(USERS, "mask", new TypeChange("bit(4)", "mask::bit varying"), null, null, null, null),
                new AlterColumn(USERS, "masks", new TypeChange("bit varying(4)[]", "masks::bit varying[]"), null,
                        null, null, null),
                // An integer has no cast to bit varying: the only one there is keeps the lowest bits, and says so.
                new AlterColumn(USERS, "n", new TypeChange("bit(8)", "n::bit(8)"), null, null, null, null));
        assertThat(diff.upgrade()).extracting(Change::warning).containsExactly(null, null, null,
                "users.n changes from integer to bit(8): PostgreSQL casts each number to its lowest 8 bits, so a "
                        + "number that needs more is cut without an error.");
        assertThat(diff.upgrade()).extracting(Change::losesData).containsOnly(true);
    }

    @Test
    void aChangeBetweenTimesWithAndWithoutAZoneSaysTheSessionsZoneDecides() {
        SchemaDiff diff = differ.diff(
                users(ColumnDef.of("created", "timestamp(6) with time zone"), ColumnDef.of("seen", "timestamp"),
                        ColumnDef.of("born", "timestamp with time zone"), ColumnDef.of("at", "timestamp(3)")),
                users(ColumnDef.of("created", "timestamp(6) without time zone"),
                        ColumnDef.of("seen", "timestamp with time zone"), ColumnDef.of("born", "date"),
                        ColumnDef.of("at", "timestamp(6)")));

        assertThat(diff.upgrade()).extracting(Change::warning).containsExactly(
                "users.created changes from timestamp(6) with time zone to timestamp(6) without time zone: each "
                        + "value becomes its time of day " + DEPENDS + " For times in UTC, write USING created AT TIME "
                        + "ZONE 'UTC'.",
                "users.seen changes from timestamp to timestamp with time zone: each value is read as a time of day "
                        + DEPENDS + " For values that are UTC times, write USING seen AT TIME ZONE 'UTC'.",
                "users.born changes from timestamp with time zone to date: each value becomes its date " + DEPENDS
                        + " For dates in UTC, write USING (born AT TIME ZONE 'UTC')::date.",
                null);
    }

    @Test
    void aBooleanMadeOneCharacterSaysWhichLettersToWrite() {
        SchemaDiff diff = differ.diff(users(ColumnDef.of("vip", "boolean")),
                users(ColumnDef.of("vip", "character(1)")));

        assertThat(diff.upgrade()).extracting(Change::warning).containsExactly("users.vip changes from boolean to "
                + "character(1): a boolean's text is true or false, longer than 1 character for both, so every row "
                + "that is not null makes the migration fail. Write the letters the column held, as in USING CASE "
                + "WHEN vip THEN 'Y' ELSE 'N' END for Hibernate's YesNoConverter ('T' and 'F' for "
                + "TrueFalseConverter).");
        assertThat(differ.diff(users(ColumnDef.of("vip", "boolean")), users(ColumnDef.of("vip",
                "character varying(4)"))).upgrade()).extracting(Change::warning).singleElement().asString()
                .contains("longer than 4 characters for false, so a row that holds false makes the migration fail");
    }

    @Test
    void integerToBigintKeepsDataAndTextToVarcharDoesNot() {
        SchemaDiff widen = differ.diff(users(ColumnDef.of("n", "integer")), users(ColumnDef.of("n", "bigint")));
        SchemaDiff narrow = differ.diff(users(ColumnDef.of("s", "text")),
                users(ColumnDef.of("s", "character varying(20)")));

        assertThat(widen.upgrade()).singleElement().satisfies(change -> {
            assertThat(change.operation()).isEqualTo(
                    new AlterColumn(USERS, "n", new TypeChange("bigint", "n::bigint"), null, null, null, null));
            assertThat(change.losesData()).isFalse();
        });
        assertThat(widen.downgrade()).singleElement().extracting(Change::losesData).isEqualTo(true);
        assertThat(narrow.upgrade()).singleElement().satisfies(change -> {
            assertThat(change.operation()).isEqualTo(new AlterColumn(USERS, "s",
                    new TypeChange("character varying(20)", null), null, null, null, null));
            assertThat(change.losesData()).isTrue();
        });
        assertThat(narrow.downgrade()).singleElement().extracting(Change::losesData).isEqualTo(false);
    }

    @Test
    void nullabilityAndDefaultChangeInOneAlteration() {
        SchemaDiff diff = differ.diff(users(ColumnDef.of("name", "text")),
                users(ColumnDef.of("name", "text").notNull().defaultExpression("'x'::text")));

        assertThat(diff.upgrade()).containsExactly(new Change(new AlterColumn(USERS, "name", null, false,
                DefaultChange.set("'x'::text"), null, null), "alter column users.name: set not null, default 'x'::text",
                false, null));
        assertThat(diff.downgrade()).containsExactly(new Change(new AlterColumn(USERS, "name", null, true,
                DefaultChange.drop(), null, null), "alter column users.name: drop not null, drop default", false, null));
    }

    @Test
    void aNotNullAddedNotValidIsValidatedWhenTheModelWantsItAndDroppedWhenNot() {
        DatabaseSchema unvalidated = schema(table("users").column(ID).unvalidatedNotNull("email", "email_given")
                .primaryKey("users_pkey", "id").build());

        SchemaDiff validated = differ.diff(unvalidated, users(ColumnDef.of("email", "text").notNull()));
        SchemaDiff nullable = differ.diff(unvalidated, users(ColumnDef.of("email", "text")));

        assertThat(validated.upgrade()).containsExactly(Change.of(
                new Execute("ALTER TABLE users VALIDATE CONSTRAINT email_given"),
                "validate not null users.email (constraint email_given, added not valid)"));
        // A validation cannot be undone, nor need it be: the downgrade's database is as NOT NULL as before.
        assertThat(validated.downgrade()).isEmpty();
        assertThat(nullable.upgrade()).extracting(Change::description)
                .containsExactly("alter column users.email: drop not null");
        assertThat(nullable.downgrade()).containsExactly(Change.of(
                new Execute("ALTER TABLE users ADD CONSTRAINT email_given NOT NULL email NOT VALID"),
                "add not null users.email (constraint email_given, not valid)"));
        // A model that says NOT VALID itself (a schema file run on 18) asks for no validation.
        assertThat(differ.diff(unvalidated, unvalidated).upgrade()).isEmpty();
    }

    @Test
    void aDefaultTheNewTypeCannotHoldIsDroppedBeforeTheTypeChangeAndSetAfter() {
        SchemaDiff diff = differ.diff(users(ColumnDef.of("code", "text").defaultExpression("'0'::text")),
                users(ColumnDef.of("code", "integer").defaultExpression("0")));

        assertThat(diff.upgradeOperations()).containsExactly(
                new AlterColumn(USERS, "code", new TypeChange("integer", "code::integer"), null, DefaultChange.drop(),
                        null, null),
                new AlterColumn(USERS, "code", null, null, DefaultChange.set("0"), null, null));
        assertThat(diff.downgradeOperations()).containsExactly(
                new AlterColumn(USERS, "code", new TypeChange("text", "code::text"), null, DefaultChange.drop(), null,
                        null),
                new AlterColumn(USERS, "code", null, null, DefaultChange.set("'0'::text"), null, null));
    }

    @Test
    void addsAnIdentityThatStartsAfterTheRowsAndDropsItWithAWarning() {
        SchemaDiff diff = differ.diff(users(ColumnDef.of("n", "bigint").notNull()),
                users(ColumnDef.of("n", "bigint").notNull().identity(Identity.ALWAYS)));

        // A new identity starts at 1: without the setval, the next insert would collide with the rows there.
        assertThat(diff.upgrade()).containsExactly(new Change(
                new Execute("ALTER TABLE users ALTER COLUMN n ADD GENERATED ALWAYS AS IDENTITY"),
                "make users.n an identity column, generated always", false, null), new Change(
                new Execute("DO $retort$\n"
                        + "-- Moves the sequence of users.n past every row of the table, or stops where row-level "
                        + "security hides some.\n"
                        + "BEGIN\n"
                        + "    IF row_security_active('users') THEN\n"
                        + "        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = format("
                        + "'row-level security applies to users for role %s and may hide rows, so the sequence of "
                        + "users.n cannot be moved past them. Run this migration as the table''s owner without FORCE "
                        + "ROW LEVEL SECURITY (ALTER TABLE users NO FORCE ROW LEVEL SECURITY) or as a role with "
                        + "BYPASSRLS', current_user);\n"
                        + "    END IF;\n"
                        + "    PERFORM setval(pg_get_serial_sequence('users', 'n'), max(n)) FROM users;\n"
                        + "END\n$retort$"),
                "restart the identity of users.n after the largest value it holds", false, null));
        assertThat(diff.downgrade()).containsExactly(new Change(
                new Execute("ALTER TABLE users ALTER COLUMN n DROP IDENTITY"), "drop identity of users.n", false,
                "users.n keeps its values but stops numbering new rows: the sequence of its identity is dropped with "
                        + "it. A sequence that numbers the rows from now on (Hibernate's users_seq, say) must first "
                        + "move past them: SELECT setval('SEQUENCE', max(n)) FROM users."));
    }

    @Test
    void theIdentityOfAQuotedTableStartsAfterItsRowsToo() {
        DatabaseSchema before = schema(table("Sales", "Order's").column(ColumnDef.of("Id", "bigint").notNull())
                .build());
        DatabaseSchema after = schema(table("Sales", "Order's")
                .column(ColumnDef.of("Id", "bigint").notNull().identity(Identity.BY_DEFAULT)).build());

        SchemaDiff diff = differ.diff(before, after);

        assertThat(diff.upgradeOperations()).endsWith(allRows("\"Sales\".\"Order's\"", "\"Id\"",
                "SELECT setval(pg_get_serial_sequence("
                + "'\"Sales\".\"Order''s\"', 'Id'), max(\"Id\")) FROM \"Sales\".\"Order's\""));
    }

    @Test
    void replacesASerialDefaultWithAnIdentityInTheRightOrder() {
        ColumnDef serial = ColumnDef.of("n", "integer").notNull().defaultExpression("nextval('n_seq'::regclass)");
        ColumnDef identity = ColumnDef.of("n", "integer").notNull().identity(Identity.BY_DEFAULT);

        SchemaDiff diff = differ.diff(users(serial), users(identity));

        assertThat(diff.upgradeOperations()).containsExactly(
                new AlterColumn(USERS, "n", null, null, DefaultChange.drop(), null, null),
                new Execute("ALTER TABLE users ALTER COLUMN n ADD GENERATED BY DEFAULT AS IDENTITY"),
                // Past the ids n_seq handed out to rows deleted since, too: they are not handed out again.
                allRows("users", "n", "SELECT setval(pg_get_serial_sequence('users', 'n'), greatest(max(n), "
                        + "pg_sequence_last_value(to_regclass('n_seq')))) FROM users"));
        assertThat(diff.downgradeOperations()).containsExactly(
                new Execute("ALTER TABLE users ALTER COLUMN n DROP IDENTITY"),
                new AlterColumn(USERS, "n", null, null, DefaultChange.set("nextval('n_seq'::regclass)"), null, null));
    }

    @Test
    void anIdentityThatReplacesHibernatesSequenceStartsPastItsLastValue() {
        // GenerationType.SEQUENCE -> IDENTITY: the column has no default, Hibernate called nextval('users_seq').
        Sequence usersSeq = new Sequence(QualifiedName.of("users_seq"), new SequenceOptions("bigint", 1L, 50L, 1L,
                Long.MAX_VALUE, 1L, false, SequenceOwner.NONE));
        Sequence other = new Sequence(QualifiedName.of("other_ids"), usersSeq.options());
        DatabaseSchema sequence = schema(List.of(), users(ColumnDef.of("n", "bigint").notNull()).tables(), List.of(),
                List.of(other, usersSeq));
        DatabaseSchema identity = users(ColumnDef.of("n", "bigint").notNull().identity(Identity.BY_DEFAULT));

        SchemaDiff diff = differ.diff(sequence, identity);

        assertThat(diff.upgrade()).extracting(Change::operation).containsExactly(
                new Execute("ALTER TABLE users ALTER COLUMN n ADD GENERATED BY DEFAULT AS IDENTITY"),
                allRows("users", "n", "SELECT setval(pg_get_serial_sequence('users', 'n'), greatest(max(n), "
                        + "pg_sequence_last_value(to_regclass('users_seq')))) FROM users"),
                new DropSequence(QualifiedName.of("other_ids"), false, false),
                new DropSequence(QualifiedName.of("users_seq"), false, false));
        assertThat(diff.upgrade().get(1).description()).isEqualTo("restart the identity of users.n after the largest "
                + "value it holds and the last value of sequence users_seq, which numbered it before");
    }

    @Test
    void aDroppedSequenceThatADefaultCallsDidNotNumberTheNewIdentity() {
        Sequence serials = new Sequence(QualifiedName.of("serials"), new SequenceOptions("bigint", 1L, 1L, 1L,
                Long.MAX_VALUE, 1L, false, SequenceOwner.NONE));
        ColumnDef numbered = ColumnDef.of("serial", "bigint").defaultExpression("nextval('serials'::regclass)");
        DatabaseSchema before = schema(List.of(), users(ColumnDef.of("n", "bigint").notNull(), numbered).tables(),
                List.of(), List.of(serials));
        DatabaseSchema after = users(ColumnDef.of("n", "bigint").notNull().identity(Identity.BY_DEFAULT),
                ColumnDef.of("serial", "bigint"));

        SchemaDiff diff = differ.diff(before, after);

        assertThat(diff.upgradeOperations()).contains(allRows("users", "n",
                "SELECT setval(pg_get_serial_sequence('users', 'n'), max(n)) FROM users"));
    }

    @Test
    void aNamedSequenceThatTakesOverFromAnIdentityStartsPastTheRows() {
        // GenerationType.IDENTITY -> SEQUENCE with @SequenceGenerator(sequenceName = "user_seq"): Hibernate asks it.
        Sequence userSeq = new Sequence(QualifiedName.of("user_seq"), new SequenceOptions("bigint", 1L, 50L, 1L,
                Long.MAX_VALUE, 1L, false, SequenceOwner.NONE));
        DatabaseSchema identity = users(ColumnDef.of("n", "bigint").notNull().identity(Identity.BY_DEFAULT));
        DatabaseSchema sequence = schema(List.of(), users(ColumnDef.of("n", "bigint").notNull()).tables(), List.of(),
                List.of(userSeq));

        SchemaDiff diff = differ.diff(identity, sequence);

        // Past the ids the identity handed out too, read before it goes: rows deleted since keep theirs.
        String past = "greatest(max(n), nullif(current_setting('retort.identity_last_value_0', true), '')::bigint)";
        assertThat(diff.upgrade()).extracting(Change::operation).containsExactly(
                new Execute("DO $retort$\nBEGIN\n    PERFORM set_config('retort.identity_last_value_0', coalesce("
                        + "pg_sequence_last_value(pg_get_serial_sequence('users', 'n'))::text, ''), true);\n"
                        + "END\n$retort$"),
                new Execute("ALTER TABLE users ALTER COLUMN n DROP IDENTITY"),
                new CreateSequence(QualifiedName.of("user_seq"), userSeq.options().ownedBy(null), false),
                allRows("users", "n", "SELECT setval('user_seq', " + past + ") FROM users HAVING " + past + " >= "
                        + "(SELECT last_value FROM user_seq)"));
        assertThat(diff.upgrade()).allMatch(c -> c.warning() == null);
        // The way back is a SEQUENCE id turned IDENTITY: user_seq, not named after the table, is not taken to have
        // numbered it (a sequence of another name may hold values past the column's type), so only past the rows.
        assertThat(diff.downgradeOperations()).containsExactly(
                new Execute("ALTER TABLE users ALTER COLUMN n ADD GENERATED BY DEFAULT AS IDENTITY"),
                allRows("users", "n", "SELECT setval(pg_get_serial_sequence('users', 'n'), max(n)) FROM users"),
                new DropSequence(QualifiedName.of("user_seq"), false, false));
        assertThat(SchemaInterpreter.apply(identity, diff.upgradeOperations())).isEqualTo(sequence);
        assertThat(SchemaInterpreter.apply(sequence, diff.downgradeOperations())).isEqualTo(identity);
    }

    @Test
    void theSequencesTheModelDeclaresTakeOverWhateverTheirNamesAndWhetherNewOrShared() {
        // Two entities switch at once, one to a new @SequenceGenerator, one to the sequence a third entity uses.
        Sequence shared = new Sequence(QualifiedName.of("shared_ids"), new SequenceOptions("bigint", 1L, 50L, 1L,
                Long.MAX_VALUE, 1L, false, SequenceOwner.NONE));
        Sequence billing = new Sequence(QualifiedName.of("billing_numbers"), shared.options());
        ColumnDef identity = ColumnDef.of("n", "bigint").notNull().identity(Identity.BY_DEFAULT);
        ColumnDef plain = ColumnDef.of("n", "bigint").notNull();
        DatabaseSchema before = schema(List.of(), List.of(keyed("invoices").column(identity).build(),
                keyed("receipts").column(identity).build()), List.of(), List.of(shared));
        DatabaseSchema after = schema(List.of(), List.of(keyed("invoices").column(plain).build(),
                keyed("receipts").column(plain).build()), List.of(), List.of(billing, shared));

        SchemaDiff guessed = differ.diff(before, after);
        SchemaDiff declared = new SchemaDiffer(Renames.NONE,
                Map.of("invoices.n", "billing_numbers", "receipts.n", "shared_ids")).diff(before, after);

        assertThat(guessed.upgrade()).anyMatch(c -> c.warning() != null);
        assertThat(declared.upgrade()).allMatch(c -> c.warning() == null);
        String past = "greatest(max(n), nullif(current_setting('retort.identity_last_value_%d', true), '')::bigint)";
        assertThat(declared.upgradeOperations()).contains(
                allRows("invoices", "n", "SELECT setval('billing_numbers', " + past.formatted(0) + ") FROM invoices "
                        + "HAVING " + past.formatted(0) + " >= (SELECT last_value FROM billing_numbers)"),
                allRows("receipts", "n", "SELECT setval('shared_ids', " + past.formatted(1) + ") FROM receipts "
                        + "HAVING " + past.formatted(1) + " >= (SELECT last_value FROM shared_ids)"));
        assertThat(declared.downgradeOperations()).contains(
                allRows("invoices", "n",
                        "SELECT setval(pg_get_serial_sequence('invoices', 'n'), max(n)) FROM invoices"),
                allRows("receipts", "n",
                        "SELECT setval(pg_get_serial_sequence('receipts', 'n'), max(n)) FROM receipts"));
        assertThat(SchemaInterpreter.apply(before, declared.upgradeOperations())).isEqualTo(after);
        assertThat(SchemaInterpreter.apply(after, declared.downgradeOperations())).isEqualTo(before);
    }

    @Test
    void aSequenceNamedAfterATableComesBackPastItsKeysOnTheWayBack() {
        // The model stops numbering orders from orders_seq (ids assigned, say); the older code, after a downgrade,
        // takes ids from it again, and a sequence back at 1 would hand out the ids of the rows it numbered before.
        Sequence ordersSeq = new Sequence(QualifiedName.of("orders_seq"), new SequenceOptions("bigint", 1L, 50L, 1L,
                Long.MAX_VALUE, 1L, false, SequenceOwner.NONE));
        DatabaseSchema numbered = schema(List.of(), List.of(keyed("orders").build()), List.of(), List.of(ordersSeq));
        DatabaseSchema assigned = schema(keyed("orders").build());

        SchemaDiff diff = differ.diff(numbered, assigned);

        assertThat(diff.upgradeOperations()).containsExactly(new DropSequence(QualifiedName.of("orders_seq"), false,
                false));
        assertThat(diff.downgradeOperations()).containsExactly(
                new CreateSequence(QualifiedName.of("orders_seq"), ordersSeq.options(), false),
                allRows("orders", "id", "SELECT setval('orders_seq', max(id)) FROM orders HAVING max(id) >= "
                        + "(SELECT last_value FROM orders_seq)"));
        assertThat(SchemaInterpreter.apply(assigned, diff.downgradeOperations())).isEqualTo(numbered);
    }

    @Test
    void onlyAnIntegerKeyOfOneColumnIsTakenForWhatASequenceNamedAfterItsTableNumbers() {
        Sequence ordersSeq = new Sequence(QualifiedName.of("orders_seq"), new SequenceOptions("bigint", 1L, 50L, 1L,
                Long.MAX_VALUE, 1L, false, SequenceOwner.NONE));
        Table textKey = table("orders").column(ColumnDef.of("code", "text").notNull())
                .primaryKey("orders_pkey", "code").build();

        SchemaDiff diff = differ.diff(schema(textKey), schema(List.of(), List.of(textKey), List.of(),
                List.of(ordersSeq)));

        assertThat(diff.upgradeOperations()).containsExactly(
                new CreateSequence(QualifiedName.of("orders_seq"), ordersSeq.options(), false));
    }

    @Test
    void aSequenceNamedAfterATableThatAnotherColumnDrawsFromOrThatIsNarrowerIsNotMovedPastTheKeys() {
        Sequence tickets = new Sequence(QualifiedName.of("orders_seq"), new SequenceOptions("bigint", 1L, 1L, 1L,
                Long.MAX_VALUE, 1L, false, SequenceOwner.NONE));
        Table plain = keyed("orders").build();
        Table ticketed = keyed("orders").column(ColumnDef.of("ticket", "bigint")
                .defaultExpression("nextval('orders_seq'::regclass)")).build();
        Sequence small = new Sequence(QualifiedName.of("orders_seq"), new SequenceOptions("smallint", 1L, 1L, 1L,
                32767L, 1L, false, SequenceOwner.NONE));

        SchemaDiff drawnFrom = differ.diff(schema(plain), schema(List.of(), List.of(ticketed), List.of(),
                List.of(tickets)));
        SchemaDiff narrower = differ.diff(schema(plain), schema(List.of(), List.of(plain), List.of(),
                List.of(small)));

        assertThat(drawnFrom.upgradeOperations()).noneMatch(o -> o instanceof Execute e && e.sql().contains("setval"));
        assertThat(narrower.upgradeOperations()).containsExactly(
                new CreateSequence(QualifiedName.of("orders_seq"), small.options(), false));
    }

    @Test
    void aSerialDefaultThatTakesOverFromAnIdentityStartsPastTheRows() {
        Sequence nSeq = new Sequence(QualifiedName.of("users_n_seq"), new SequenceOptions("bigint", 1L, 1L, 1L,
                Long.MAX_VALUE, 1L, false, new SequenceOwner("users", "n")));
        DatabaseSchema identity = users(ColumnDef.of("n", "bigint").notNull().identity(Identity.ALWAYS));
        DatabaseSchema serial = schema(List.of(), users(ColumnDef.of("n", "bigint").notNull()
                .defaultExpression("nextval('users_n_seq'::regclass)")).tables(), List.of(), List.of(nSeq));

        SchemaDiff diff = differ.diff(identity, serial);

        String past = "greatest(max(n), nullif(current_setting('retort.identity_last_value_0', true), '')::bigint)";
        assertThat(diff.upgradeOperations()).contains(allRows("users", "n",
                "SELECT setval('users_n_seq', " + past + ") FROM users "
                + "HAVING " + past + " >= (SELECT last_value FROM users_n_seq)"));
        assertThat(diff.upgrade()).allMatch(c -> c.warning() == null);
        assertThat(SchemaInterpreter.apply(identity, diff.upgradeOperations())).isEqualTo(serial);
        assertThat(SchemaInterpreter.apply(serial, diff.downgradeOperations())).isEqualTo(identity);
    }

    @Test
    void changesHowAnIdentityIsGenerated() {
        SchemaDiff diff = differ.diff(users(ColumnDef.of("n", "bigint").notNull().identity(Identity.ALWAYS)),
                users(ColumnDef.of("n", "bigint").notNull().identity(Identity.BY_DEFAULT)));

        assertThat(diff.upgrade()).containsExactly(new Change(
                new Execute("ALTER TABLE users ALTER COLUMN n SET GENERATED BY DEFAULT"),
                "generate users.n by default", false, null));
        assertThat(diff.downgradeOperations()).containsExactly(
                new Execute("ALTER TABLE users ALTER COLUMN n SET GENERATED ALWAYS"));
    }

    @Test
    void aChangedGenerationExpressionDropsAndAddsTheColumn() {
        ColumnDef price = ColumnDef.of("price", "integer");
        ColumnDef doubled = ColumnDef.of("total", "integer").generatedAs("(price * 2)");
        ColumnDef tripled = ColumnDef.of("total", "integer").generatedAs("(price * 3)");

        SchemaDiff diff = differ.diff(users(price, doubled), users(price, tripled));

        assertThat(diff.upgrade()).containsExactly(
                new Change(new DropColumn(USERS, "total", false, false),
                        "drop column users.total, to add it again with a new generation expression", false,
                        Descriptions.recreatedColumn(USERS, "total")),
                new Change(new AddColumn(USERS, tripled, false),
                        "add column users.total integer generated as ((price * 3))", false, null));
        assertThat(diff.downgradeOperations()).containsExactly(new DropColumn(USERS, "total", false, false),
                new AddColumn(USERS, doubled, false));
    }

    @Test
    void aGeneratedColumnOverARetypedColumnSaysWhyItIsRebuiltAndWhatGoesWithIt() {
        ColumnDef total = ColumnDef.of("total", "integer").generatedAs("(price * 2)");

        SchemaDiff diff = differ.diff(users(ColumnDef.of("price", "integer"), total),
                users(ColumnDef.of("price", "bigint"), total));

        // The expression is the one it had: PostgreSQL retypes no column a generated column reads.
        assertThat(diff.upgrade().get(0).description())
                .isEqualTo("drop column users.total, to add it again over price, which changes");
        assertThat(diff.upgrade().get(0).warning()).isEqualTo("users.total is dropped and added again, and what was "
                + "granted on the column alone (GRANT SELECT (total) ON users TO ...) goes with it: autogenerate "
                + "compares no grants, so add the GRANT after this step if the database has one.");
    }

    @Test
    void anOrdinaryColumnBecomingGeneratedLosesItsValuesButTheWayBackKeepsThem() {
        ColumnDef price = ColumnDef.of("price", "integer");
        ColumnDef ordinary = ColumnDef.of("total", "integer");
        ColumnDef generated = ColumnDef.of("total", "integer").generatedAs("(price * 2)");

        SchemaDiff diff = differ.diff(users(price, ordinary), users(price, generated));

        assertThat(diff.upgrade()).extracting(Change::operation, Change::losesData).containsExactly(
                tuple(new DropColumn(USERS, "total", false, false), true),
                tuple(new AddColumn(USERS, generated, false), false));
        // It had no generation expression: the one it gets is not a "new" one.
        assertThat(diff.upgrade().get(0).description())
                .isEqualTo("drop column users.total, to add it again as a generated column");
        assertThat(differ.diff(users(price, ordinary), users(price, generated.virtual(true))).upgrade().get(0)
                .description()).isEqualTo("drop column users.total, to add it again as a virtual generated column");
        assertThat(diff.downgrade()).containsExactly(new Change(
                new Execute("ALTER TABLE users ALTER COLUMN total DROP EXPRESSION"),
                "make users.total an ordinary column, keeping its values", false, null));
    }

    @Test
    void aGeneratedColumnThatTurnsVirtualOrStoredIsDroppedAndAddedAgain() {
        ColumnDef price = ColumnDef.of("price", "integer");
        ColumnDef stored = ColumnDef.of("total", "integer").generatedAs("(price * 2)");
        ColumnDef virtual = stored.virtual(true);

        SchemaDiff diff = differ.diff(users(price, stored), users(price, virtual));

        assertThat(diff.upgrade()).containsExactly(
                new Change(new DropColumn(USERS, "total", false, false),
                        "drop column users.total, to add it again virtual", false,
                        Descriptions.recreatedColumn(USERS, "total")),
                new Change(new AddColumn(USERS, virtual, false),
                        "add column users.total integer generated as ((price * 2)) virtual", false, null));
        assertThat(diff.downgrade()).extracting(Change::description).containsExactly(
                "drop column users.total, to add it again stored", "add column users.total integer generated as "
                        + "((price * 2))");
    }

    @Test
    void aVirtualColumnBecomingOrdinaryIsAddedAgainWithAWarningSincePostgresCannotDropItsExpression() {
        ColumnDef price = ColumnDef.of("price", "integer");
        ColumnDef virtual = ColumnDef.of("total", "integer").generatedAs("(price * 2)").virtual(true);
        ColumnDef ordinary = ColumnDef.of("total", "integer");

        SchemaDiff diff = differ.diff(users(price, virtual), users(price, ordinary));

        assertThat(diff.upgrade()).extracting(Change::operation).containsExactly(
                new DropColumn(USERS, "total", false, false), new AddColumn(USERS, ordinary, false));
        assertThat(diff.upgrade().get(0).description())
                .isEqualTo("drop column users.total, to add it again as an ordinary column");
        assertThat(diff.upgrade().get(0).warning()).startsWith("users.total is a virtual generated column and "
                + "becomes an ordinary one, which PostgreSQL does only by dropping it: it comes back empty");
    }

    @Test
    void aCollationChangeGoesWithTheTypeInOneStatement() {
        SchemaDiff diff = differ.diff(users(ColumnDef.of("name", "text")),
                users(ColumnDef.of("name", "text").collation("C")));

        assertThat(diff.upgrade()).containsExactly(new Change(
                new Execute("ALTER TABLE users ALTER COLUMN name TYPE text COLLATE \"C\""),
                "alter column users.name: collation default -> C", false, null));
        assertThat(diff.downgradeOperations()).containsExactly(
                new Execute("ALTER TABLE users ALTER COLUMN name TYPE text COLLATE \"default\""));
    }

    @Test
    void aCollationAndTypeChangeWithADefaultDropsTheDefaultFirst() {
        SchemaDiff diff = differ.diff(users(ColumnDef.of("name", "text").defaultExpression("'a'::text")),
                users(ColumnDef.of("name", "character varying(10)").collation("C")
                        .defaultExpression("'a'::character varying")));

        assertThat(diff.upgradeOperations()).containsExactly(
                new Execute("ALTER TABLE users ALTER COLUMN name DROP DEFAULT, ALTER COLUMN name TYPE "
                        + "character varying(10) COLLATE \"C\""),
                new AlterColumn(USERS, "name", null, null, DefaultChange.set("'a'::character varying"), null, null));
        assertThat(diff.upgrade().get(0).losesData()).isTrue();
    }

    @Test
    void setsAndRemovesAColumnComment() {
        SchemaDiff diff = differ.diff(users(ColumnDef.of("phone", "text")),
                users(ColumnDef.of("phone", "text").comment("mobile")));

        assertThat(diff.upgrade()).containsExactly(new Change(new AlterColumn(USERS, "phone", null, null, null,
                CommentChange.set("mobile"), null), "alter column users.phone: comment 'mobile'", false, null));
        assertThat(diff.downgradeOperations()).containsExactly(
                new AlterColumn(USERS, "phone", null, null, null, CommentChange.remove(), null));
    }

    /**
     * The block that runs {@code select}, a {@code setval} past the largest {@code column} of {@code table} (both as
     * written in SQL), where it sees every row: the first test shows it whole.
     */
    private static Execute allRows(String table, String column, String select) {
        return new Execute("DO $retort$\n-- Moves the sequence of " + table + "." + column + " past every row of the "
                + "table, or stops where row-level security hides some.\nBEGIN\n"
                + "    IF row_security_active('" + table.replace("'", "''") + "') THEN\n"
                + "        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = format("
                + "'row-level security applies to " + table.replace("'", "''") + " for role %s and may hide rows, so "
                + "the sequence of "
                + table.replace("'", "''") + "." + column + " cannot be moved past them. Run this migration as the "
                + "table''s owner without FORCE ROW LEVEL SECURITY (ALTER TABLE " + table.replace("'", "''")
                + " NO FORCE ROW LEVEL SECURITY) or as a role with BYPASSRLS', current_user);\n"
                + "    END IF;\n"
                + "    PERFORM " + select.substring("SELECT ".length()) + ";\nEND\n$retort$");
    }

    private static DatabaseSchema users(ColumnDef... columns) {
        var table = table("users").column(ID);
        for (ColumnDef column : columns) {
            table.column(column);
        }
        return schema(table.primaryKey("users_pkey", "id").build());
    }
}
