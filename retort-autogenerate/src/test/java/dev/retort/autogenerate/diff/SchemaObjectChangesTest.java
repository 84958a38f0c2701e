package dev.retort.autogenerate.diff;

import static dev.retort.autogenerate.diff.TestSchemas.keyed;
import static dev.retort.autogenerate.diff.TestSchemas.schema;
import static dev.retort.autogenerate.diff.TestSchemas.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.operation.AddColumn;
import dev.retort.operation.AddEnumValue;
import dev.retort.operation.AlterColumn;
import dev.retort.operation.AlterSequence;
import dev.retort.operation.ColumnDef;
import dev.retort.operation.CreateEnum;
import dev.retort.operation.CreateExtension;
import dev.retort.operation.CreateSchema;
import dev.retort.operation.CreateSequence;
import dev.retort.operation.CreateTable;
import dev.retort.operation.DefaultChange;
import dev.retort.operation.DropColumn;
import dev.retort.operation.DropEnum;
import dev.retort.operation.DropExtension;
import dev.retort.operation.DropSchema;
import dev.retort.operation.DropSequence;
import dev.retort.operation.DropTable;
import dev.retort.operation.Execute;
import dev.retort.operation.IndexElement;
import dev.retort.operation.NullsOrder;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.SequenceOptions;
import dev.retort.operation.SequenceOwner;
import dev.retort.operation.SetExtensionSchema;
import dev.retort.operation.TypeChange;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.EnumType;
import dev.retort.schema.Extension;
import dev.retort.schema.Index;
import dev.retort.schema.Sequence;
import dev.retort.schema.Table;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Schemas, enum types and sequences. */
class SchemaObjectChangesTest {
    private static final QualifiedName MOOD = QualifiedName.of("mood");
    private final SchemaDiffer differ = new SchemaDiffer(Renames.NONE);

    @Test
    void createsAndDropsASchema() {
        DatabaseSchema desired = schema(List.of("app"), List.of(), List.of(), List.of());

        SchemaDiff diff = differ.diff(DatabaseSchema.EMPTY, desired);

        assertThat(diff.upgrade()).containsExactly(
                new Change(new CreateSchema("app", false), "create schema app", false, null));
        assertThat(diff.downgrade()).containsExactly(
                new Change(new DropSchema("app", false, false), "drop schema app", true, null));
    }

    @Test
    void createsTheModelsExtensionsBeforeWhatUsesThemAndTheDowngradeDropsThemAfter() {
        DatabaseSchema desired = new DatabaseSchema(List.of("ext"),
                List.of(table("users").column("email", "citext").column("tags", "hstore[]").build()), List.of(),
                List.of(), List.of(new Extension("citext", null), new Extension("hstore", "ext")));

        SchemaDiff diff = differ.diff(DatabaseSchema.EMPTY, desired);

        assertThat(diff.upgrade()).extracting(Change::description).containsExactly(
                "create schema ext", "create extension citext", "create extension hstore in schema ext",
                "create table users");
        assertThat(diff.upgradeOperations()).element(1).isEqualTo(new CreateExtension("citext", null, true));
        assertThat(diff.upgradeOperations()).element(2).isEqualTo(new CreateExtension("hstore", "ext", true));
        assertThat(diff.downgrade()).extracting(Change::operation).satisfiesExactly(
                drop -> assertThat(drop).isInstanceOf(DropTable.class),
                drop -> assertThat(drop).isEqualTo(new DropExtension("hstore", false, false, true)),
                drop -> assertThat(drop).isEqualTo(new DropExtension("citext", false, false, true)),
                drop -> assertThat(drop).isInstanceOf(DropSchema.class));
        assertThat(diff.downgrade()).filteredOn(c -> c.operation() instanceof DropExtension)
                .allSatisfy(c -> assertThat(c.losesData()).isFalse());
        DatabaseSchema upgraded = SchemaInterpreter.apply(DatabaseSchema.EMPTY, diff.upgradeOperations());
        assertThat(upgraded.extensions()).isEqualTo(desired.extensions());
        assertThat(SchemaInterpreter.apply(upgraded, diff.downgradeOperations())).isEqualTo(DatabaseSchema.EMPTY);
    }

    @Test
    void anExtensionIsCreatedAfterThoseItRequiresAndDroppedBefore() {
        // By name, hstore_plperl would come before plperl, which PostgreSQL refuses.
        DatabaseSchema desired = DatabaseSchema.EMPTY.withExtensions(List.of(new Extension("hstore", null),
                new Extension("hstore_plperl", null, List.of("hstore", "plperl")), new Extension("plperl", null)));

        SchemaDiff diff = differ.diff(DatabaseSchema.EMPTY, desired);

        assertThat(diff.upgrade()).extracting(Change::description).containsExactly(
                "create extension hstore", "create extension plperl", "create extension hstore_plperl");
        assertThat(diff.downgrade()).extracting(Change::description).containsExactly(
                "drop extension hstore_plperl", "drop extension plperl", "drop extension hstore");
    }

    @Test
    void aRequiredExtensionTheDatabaseHasIsNoReasonToWait() {
        DatabaseSchema current = DatabaseSchema.EMPTY.withExtensions(List.of(new Extension("plperl", null)));
        DatabaseSchema desired = DatabaseSchema.EMPTY.withExtensions(List.of(new Extension("plperl", null),
                new Extension("jsonb_plperl", null, List.of("plperl")), new Extension("ltree", null)));

        assertThat(differ.diff(current, desired).upgrade()).extracting(Change::description).containsExactly(
                "create extension jsonb_plperl", "create extension ltree");
    }

    @Test
    void anExtensionTheDatabaseHasAndTheModelLacksIsLeftAloneEitherWay() {
        DatabaseSchema current = DatabaseSchema.EMPTY.withExtensions(
                List.of(new Extension("citext", null), new Extension("pg_trgm", null)));
        DatabaseSchema desired = DatabaseSchema.EMPTY.withExtensions(List.of(new Extension("citext", null)));

        assertThat(differ.diff(current, desired).isEmpty()).isTrue();
        assertThat(differ.diff(current, DatabaseSchema.EMPTY).isEmpty()).isTrue();
    }

    @Test
    void anExtensionInAnotherSchemaIsMovedWithTheColumnsAndIndexesThatUseIt() {
        List<String> types = List.of("_citext", "citext");
        List<String> classes = List.of("citext_ops", "citext_pattern_ops");
        List<String> functions = List.of("citext", "citext_eq");
        Extension citext = new Extension("citext", null, List.of(), true, types, classes, functions);
        Extension moved = new Extension("citext", "ext", List.of(), true, types, classes, functions);
        DatabaseSchema current = schema(keyed("users").column("email", "citext").column("aliases", "citext[]")
                .column(ColumnDef.of("nick", "text").defaultExpression("''::citext"))
                .check("ck_users_nick", "citext_eq(nick, 'x'::citext)")
                .index(byPattern("citext_pattern_ops")).build()).withExtensions(List.of(citext));
        DatabaseSchema desired = new DatabaseSchema(List.of("ext"), List.of(keyed("users")
                .column("email", "ext.citext").column("aliases", "ext.citext[]")
                .column(ColumnDef.of("nick", "text").defaultExpression("''::ext.citext"))
                .check("ck_users_nick", "ext.citext_eq(nick, 'x'::ext.citext)")
                .index(byPattern("ext.citext_pattern_ops")).build()), List.of(), List.of(), List.of(moved));

        SchemaDiff diff = differ.diff(current, desired);

        assertThat(diff.upgradeOperations()).containsExactly(new CreateSchema("ext", false),
                new SetExtensionSchema("citext", "ext"));
        assertThat(diff.downgradeOperations()).containsExactly(new SetExtensionSchema("citext", "public"),
                new DropSchema("ext", false, false));
        assertThat(diff.upgrade()).allMatch(c -> c.warning() == null);
    }

    @Test
    void aModelThatCannotPlaceExtensionsLeavesThemWhereTheDatabaseKeepsThem() {
        // A JPA model's citext lands in the dev database's public schema; Supabase keeps it in "extensions".
        List<String> types = List.of("_citext", "citext");
        List<String> classes = List.of("citext_ops", "citext_pattern_ops");
        List<String> functions = List.of("citext_eq");
        DatabaseSchema current = new DatabaseSchema(List.of("extensions"), List.of(keyed("users")
                .column("email", "extensions.citext").index(byPattern("extensions.citext_pattern_ops"))
                .check("ck_users_email", "extensions.citext_eq(email, ''::extensions.citext)").build()),
                List.of(), List.of(), List.of(new Extension("citext", "extensions", List.of(), true, types, classes,
                        functions)));
        DatabaseSchema desired = new DatabaseSchema(List.of("extensions"), List.of(keyed("users")
                .column("email", "citext").index(byPattern("citext_pattern_ops"))
                .check("ck_users_email", "citext_eq(email, ''::citext)").build()), List.of(), List.of(),
                List.of(new Extension("citext", null, List.of(), true, types, classes, functions)));

        SchemaDiff diff = new SchemaDiffer(Renames.NONE, Map.of(), false).diff(current, desired);

        assertThat(diff.upgrade()).isEmpty();
        assertThat(diff.downgrade()).isEmpty();
        assertThat(differ.diff(current, desired).upgradeOperations())
                .containsExactly(new SetExtensionSchema("citext", "public"));
    }

    private static Index byPattern(String operatorClass) {
        return new Index("ix_users_email", false, "btree",
                List.of(new IndexElement("email", null, operatorClass, false, NullsOrder.DEFAULT)), List.of(), null);
    }

    @Test
    void anExtensionThatCannotMoveIsMovedWithAWarning() {
        DatabaseSchema current = DatabaseSchema.EMPTY.withExtensions(
                List.of(new Extension("xml2", null, List.of(), false, List.of(), List.of(), List.of())));
        DatabaseSchema desired = new DatabaseSchema(List.of("ext"), List.of(), List.of(), List.of(),
                List.of(new Extension("xml2", "ext", List.of(), false, List.of(), List.of(), List.of())));

        SchemaDiff diff = differ.diff(current, desired);

        assertThat(diff.upgrade()).extracting(Change::description)
                .containsExactly("create schema ext", "move extension xml2 from schema public to ext");
        assertThat(diff.upgrade().get(1).warning()).contains("not relocatable", "op.dropExtension(\"xml2\")",
                "op.createExtension(\"xml2\").schema(\"ext\")");
    }

    @Test
    void createsAndDropsAnEnumType() {
        DatabaseSchema desired = enums(new EnumType(MOOD, List.of("happy", "sad")));

        SchemaDiff diff = differ.diff(DatabaseSchema.EMPTY, desired);

        assertThat(diff.upgrade()).containsExactly(new Change(new CreateEnum(MOOD, List.of("happy", "sad")),
                "create enum type mood ('happy', 'sad')", false, null));
        assertThat(diff.downgrade()).containsExactly(
                new Change(new DropEnum(MOOD, false, false), "drop enum type mood", false, null));
    }

    @Test
    void addedEnumValuesKeepTheirPlaceAndTheDowngradeRecreatesTheType() {
        DatabaseSchema current = enums(new EnumType(MOOD, List.of("happy", "sad")));
        DatabaseSchema desired = enums(new EnumType(MOOD, List.of("meh", "happy", "ok", "sad", "angry")));

        SchemaDiff diff = differ.diff(current, desired);

        assertThat(diff.upgrade()).containsExactly(
                new Change(new AddEnumValue(MOOD, "meh", "happy", null, true),
                        "add value 'meh' to enum type mood before 'happy'", false, null),
                new Change(new AddEnumValue(MOOD, "ok", null, "happy", true),
                        "add value 'ok' to enum type mood after 'happy'", false, null),
                new Change(new AddEnumValue(MOOD, "angry", null, "sad", true),
                        "add value 'angry' to enum type mood after 'sad'", false, null));
        assertThat(diff.downgrade()).containsExactly(
                new Change(new Execute("ALTER TYPE mood RENAME TO mood_old"),
                        "rename enum type mood to mood_old, to recreate it with values ('happy', 'sad')", true,
                        "Enum type mood loses ('meh', 'ok', 'angry'): converting its columns fails while rows hold "
                                + "those values, so change those rows first."),
                new Change(new CreateEnum(MOOD, List.of("happy", "sad")), "create enum type mood ('happy', 'sad')",
                        false, null),
                new Change(new DropEnum(QualifiedName.of("mood_old"), false, false), "drop enum type mood_old", false,
                        null));
    }

    @Test
    void aRecreatedEnumTypeConvertsItsColumnsThroughText() {
        Table before = table("users").column(ColumnDef.of("id", "integer").notNull())
                .column(ColumnDef.of("feeling", "mood").defaultExpression("'happy'::mood"))
                .column("history", "mood[]").build();
        DatabaseSchema current = schema(List.of(), List.of(before),
                List.of(new EnumType(MOOD, List.of("happy", "sad", "meh"))), List.of());
        DatabaseSchema desired = schema(List.of(), List.of(before),
                List.of(new EnumType(MOOD, List.of("sad", "happy"))), List.of());
        QualifiedName users = QualifiedName.of("users");

        SchemaDiff diff = differ.diff(current, desired);

        assertThat(diff.upgrade()).containsExactly(
                new Change(new Execute("ALTER TYPE mood RENAME TO mood_old"),
                        "rename enum type mood to mood_old, to recreate it with values ('sad', 'happy')", true,
                        "Enum type mood loses ('meh'): converting its columns fails while rows hold those values, "
                                + "so change those rows first."),
                new Change(new CreateEnum(MOOD, List.of("sad", "happy")), "create enum type mood ('sad', 'happy')",
                        false, null),
                new Change(new AlterColumn(users, "feeling", new TypeChange("mood", "feeling::text::mood"), null,
                        DefaultChange.drop(), null, null),
                        "alter column users.feeling: type mood_old -> mood, drop default", true, null),
                new Change(new AlterColumn(users, "feeling", null, null, DefaultChange.set("'happy'::mood"), null,
                        null), "alter column users.feeling: default 'happy'::mood", false, null),
                new Change(new AlterColumn(users, "history", new TypeChange("mood[]", "history::text[]::mood[]"), null,
                        null, null, null), "alter column users.history: type mood_old[] -> mood[]", true, null),
                new Change(new DropEnum(QualifiedName.of("mood_old"), false, false), "drop enum type mood_old", false,
                        null));
        // Going back only reorders and adds a value: nothing is lost.
        assertThat(diff.downgrade()).extracting(Change::operation).startsWith(
                new Execute("ALTER TYPE mood RENAME TO mood_old"), new CreateEnum(MOOD, List.of("happy", "sad", "meh")));
        assertThat(diff.downgrade()).noneMatch(Change::losesData);
        assertThat(SchemaInterpreter.apply(current, diff.upgradeOperations())).isEqualTo(desired);
        assertThat(SchemaInterpreter.apply(desired, diff.downgradeOperations())).isEqualTo(current);
    }

    @Test
    void checksIndexesAndDefaultsThatNameARecreatedTypeAreRebuiltAroundTheConversion() {
        // Renamed out of the way, the old type takes these expressions with it ('happy'::mood_old): ALTER COLUMN
        // TYPE parses the check and the indexes again over the new type, where mood <> mood_old has no operator,
        // and the other default would keep mood_old from being dropped.
        Table before = table("users").column(ColumnDef.of("id", "integer").notNull()).column("feeling", "mood")
                .column(ColumnDef.of("label", "text").defaultExpression("('happy'::mood)::text"))
                .check("users_not_happy", "(feeling <> 'happy'::mood)")
                .index(new Index("users_feeling_idx", false, "btree", List.of(IndexElement.column("feeling")),
                        List.of(), null))
                .index(new Index("users_happy_idx", true, "btree", List.of(IndexElement.column("id")),
                        List.of("feeling"), "(feeling = 'happy'::mood)"))
                .index(new Index("users_sad_idx", false, "btree",
                        List.of(IndexElement.expression("(feeling = 'sad'::mood)")), List.of(), null))
                .build();
        DatabaseSchema current = schema(List.of(), List.of(before),
                List.of(new EnumType(MOOD, List.of("happy", "sad"))), List.of());
        DatabaseSchema desired = schema(List.of(), List.of(before),
                List.of(new EnumType(MOOD, List.of("sad", "happy"))), List.of());

        SchemaDiff diff = differ.diff(current, desired);

        assertThat(diff.upgrade()).extracting(Change::description).containsExactly(
                "rename enum type mood to mood_old, to recreate it with values ('sad', 'happy')",
                "create enum type mood ('sad', 'happy')",
                "drop check constraint users_not_happy on users ((feeling <> 'happy'::mood))",
                "drop unique index users_happy_idx on users (id) include (feeling) where (feeling = 'happy'::mood)",
                "drop index users_sad_idx on users (((feeling = 'sad'::mood)))",
                "alter column users.feeling: type mood_old -> mood",
                "alter column users.label: default ('happy'::mood)::text",
                "add check constraint users_not_happy on users ((feeling <> 'happy'::mood))",
                "create unique index users_happy_idx on users (id) include (feeling) where (feeling = 'happy'::mood)",
                "create index users_sad_idx on users (((feeling = 'sad'::mood)))",
                "drop enum type mood_old");
        // Going back recreates the type too, and rebuilds the same.
        assertThat(diff.downgrade()).extracting(Change::description)
                .contains("drop check constraint users_not_happy on users ((feeling <> 'happy'::mood))",
                        "create unique index users_happy_idx on users (id) include (feeling) where "
                                + "(feeling = 'happy'::mood)",
                        "alter column users.label: default ('happy'::mood)::text")
                .noneMatch(d -> d.contains("users_feeling_idx"));
        assertThat(SchemaInterpreter.apply(current, diff.upgradeOperations())).isEqualTo(desired);
        assertThat(SchemaInterpreter.apply(desired, diff.downgradeOperations())).isEqualTo(current);
    }

    @Test
    void aCheckThatNamesATypeWhoseValuesAreOnlyAddedIsLeftAlone() {
        Table before = table("users").column("feeling", "mood").check("users_not_happy", "(feeling <> 'happy'::mood)")
                .build();
        DatabaseSchema current = schema(List.of(), List.of(before),
                List.of(new EnumType(MOOD, List.of("happy", "sad"))), List.of());
        DatabaseSchema desired = schema(List.of(), List.of(before),
                List.of(new EnumType(MOOD, List.of("happy", "sad", "meh"))), List.of());

        assertThat(differ.diff(current, desired).upgrade()).extracting(Change::description)
                .containsExactly("add value 'meh' to enum type mood after 'sad'");
    }

    @Test
    void theRecreatedTypesTemporaryNameAvoidsNamesInUse() {
        DatabaseSchema current = schema(List.of(), List.of(table("mood_old").column("id", "integer").build()),
                List.of(new EnumType(MOOD, List.of("a", "b"))), List.of());
        DatabaseSchema desired = schema(List.of(), current.tables(), List.of(new EnumType(MOOD, List.of("b", "a"))),
                List.of());

        assertThat(differ.diff(current, desired).upgradeOperations())
                .contains(new Execute("ALTER TYPE mood RENAME TO mood_old2"));
    }

    @Test
    void aNewSequenceIsCreatedBeforeTheDefaultThatUsesItAndOwnedAfterwards() {
        QualifiedName users = QualifiedName.of("users");
        QualifiedName sequence = QualifiedName.of("users_id_seq");
        SequenceOptions options = new SequenceOptions("bigint", 1L, 1L, 1L, Long.MAX_VALUE, 1L, false,
                new SequenceOwner("users", "id"));
        Table plain = table("users").column(ColumnDef.of("id", "bigint").notNull()).build();
        Table serial = table("users").column(ColumnDef.of("id", "bigint").notNull()
                .defaultExpression("nextval('users_id_seq'::regclass)")).build();
        DatabaseSchema current = schema(plain);
        DatabaseSchema desired = schema(List.of(), List.of(serial), List.of(), List.of(new Sequence(sequence, options)));

        SchemaDiff diff = differ.diff(current, desired);

        assertThat(diff.upgrade()).containsExactly(
                new Change(new CreateSequence(sequence, options.ownedBy(null), false), "create sequence users_id_seq",
                        false, null),
                new Change(new AlterColumn(users, "id", null, null,
                        DefaultChange.set("nextval('users_id_seq'::regclass)"), null, null),
                        "alter column users.id: default nextval('users_id_seq'::regclass)", false, null),
                new Change(new AlterSequence(sequence, SequenceOptions.UNSPECIFIED.ownedBy(new SequenceOwner("users",
                        "id")), null), "set owner of sequence users_id_seq to users.id", false, null),
                // The column holds values: the sequence, which would start at 1, starts past them.
                Change.of(SqlText.moveSequencePastRows(sequence, users, "id"), "move sequence users_id_seq past the "
                        + "largest users.id, which it numbers instead of another generator from now on"));
        assertThat(diff.downgrade()).containsExactly(
                new Change(new AlterSequence(sequence, SequenceOptions.UNSPECIFIED.ownedBy(SequenceOwner.NONE), null),
                        "release sequence users_id_seq from its owning column, so it can be dropped", false, null),
                new Change(new AlterColumn(users, "id", null, null, DefaultChange.drop(), null, null),
                        "alter column users.id: drop default", false, null),
                new Change(new DropSequence(sequence, false, false), "drop sequence users_id_seq", false, null));
    }

    @Test
    void aNewTablesColumnWithTheSequenceSerialMakesIsASerialColumnBothWays() {
        Table serial = table("users").column(ColumnDef.of("id", "bigint").notNull()
                .defaultExpression("nextval('users_id_seq'::regclass)")).build();
        DatabaseSchema desired = schema(List.of(), List.of(serial), List.of(), List.of(serialSequence("users", "id")));

        SchemaDiff diff = differ.diff(schema(), desired);

        assertThat(diff.upgrade()).extracting(Change::operation).containsExactly(new CreateTable(
                QualifiedName.of("users"), List.of(ColumnDef.of("id", "bigserial").notNull()), List.of(), null,
                false));
        assertThat(diff.downgrade()).extracting(Change::operation)
                .containsExactly(new DropTable(QualifiedName.of("users"), false, false));
    }

    @Test
    void anAddedSerialColumnIsAddedAsSerialAndDroppedWithItsSequence() {
        Table before = table("users").column("email", "text").build();
        Table after = table("users").column("email", "text").column(ColumnDef.of("id", "bigint").notNull()
                .defaultExpression("nextval('users_id_seq'::regclass)")).build();

        SchemaDiff diff = differ.diff(schema(before),
                schema(List.of(), List.of(after), List.of(), List.of(serialSequence("users", "id"))));

        assertThat(diff.upgrade()).extracting(Change::operation).containsExactly(
                new AddColumn(QualifiedName.of("users"), ColumnDef.of("id", "bigserial").notNull(), false));
        assertThat(diff.downgrade()).extracting(Change::operation)
                .containsExactly(new DropColumn(QualifiedName.of("users"), "id", false, false));
    }

    @Test
    void aSerialColumnOfAMixedCaseTableOrSchemaIsASerialColumnToo() {
        // PostgreSQL shows such a sequence quoted in the default: nextval('"Users_id_seq"'::regclass).
        Table users = table("Users").column(ColumnDef.of("id", "bigint").notNull()
                .defaultExpression("nextval('\"Users_id_seq\"'::regclass)")).build();
        Table notes = table("Meta", "notes").column(ColumnDef.of("id", "bigint").notNull()
                .defaultExpression("nextval('\"Meta\".notes_id_seq'::regclass)")).build();
        Sequence notesSequence = new Sequence(QualifiedName.of("Meta", "notes_id_seq"),
                serialSequence("notes", "id").options());
        DatabaseSchema desired = schema(List.of("Meta"), List.of(users, notes), List.of(),
                List.of(serialSequence("Users", "id"), notesSequence));

        SchemaDiff diff = differ.diff(schema(List.of("Meta"), List.of(), List.of(), List.of()), desired);

        assertThat(diff.upgrade()).extracting(Change::operation).containsExactlyInAnyOrder(
                new CreateTable(QualifiedName.of("Users"), List.of(ColumnDef.of("id", "bigserial").notNull()),
                        List.of(), null, false),
                new CreateTable(QualifiedName.of("Meta", "notes"), List.of(ColumnDef.of("id", "bigserial").notNull()),
                        List.of(), null, false));
    }

    @Test
    void aSequenceSerialWouldNotMakeIsCreatedStepByStep() {
        Table serial = table("users").column(ColumnDef.of("id", "bigint").notNull()
                .defaultExpression("nextval('users_id_seq'::regclass)")).build();
        Sequence startsAt100 = new Sequence(QualifiedName.of("users_id_seq"),
                serialSequence("users", "id").options().start(100));
        Table other = table("audit").column(ColumnDef.of("n", "bigint")
                .defaultExpression("nextval('users_id_seq'::regclass)")).build();

        assertThat(differ.diff(schema(), schema(List.of(), List.of(serial), List.of(), List.of(startsAt100)))
                .upgrade()).extracting(Change::operation).hasAtLeastOneElementOfType(CreateSequence.class);
        assertThat(differ.diff(schema(), schema(List.of(), List.of(serial, other), List.of(),
                List.of(serialSequence("users", "id")))).upgrade())
                .extracting(Change::operation).hasAtLeastOneElementOfType(CreateSequence.class);
    }

    private static Sequence serialSequence(String table, String column) {
        return new Sequence(QualifiedName.of(table + "_" + column + "_seq"), new SequenceOptions("bigint", 1L, 1L, 1L,
                Long.MAX_VALUE, 1L, false, new SequenceOwner(table, column)));
    }

    @Test
    void changedSequenceOptionsAreAlteredBothWays() {
        QualifiedName counter = QualifiedName.of("counter");
        SequenceOptions before = new SequenceOptions("bigint", 1L, 1L, 1L, 1000L, 1L, false, SequenceOwner.NONE);
        DatabaseSchema current = sequences(new Sequence(counter, before));
        DatabaseSchema desired = sequences(new Sequence(counter, before.increment(5).cycle(true)));

        SchemaDiff diff = differ.diff(current, desired);

        assertThat(diff.upgrade()).containsExactly(new Change(
                new AlterSequence(counter, SequenceOptions.UNSPECIFIED.increment(5).cycle(true), null),
                "alter sequence counter: increment 1 -> 5, cycle", false, null));
        assertThat(diff.downgrade()).containsExactly(new Change(
                new AlterSequence(counter, SequenceOptions.UNSPECIFIED.increment(1).cycle(false), null),
                "alter sequence counter: increment 5 -> 1, no cycle", false, null));
    }

    @Test
    void aSequenceTheModelLacksIsDroppedWithAWarningThatTheDowngradeStartsItAgain() {
        QualifiedName invoiceNo = QualifiedName.of("invoice_no");
        Sequence sequence = new Sequence(invoiceNo,
                new SequenceOptions("bigint", 1000L, 1L, 1L, Long.MAX_VALUE, 1L, false, SequenceOwner.NONE));

        SchemaDiff diff = differ.diff(sequences(sequence), sequences());

        assertThat(diff.upgrade()).containsExactly(new Change(new DropSequence(invoiceNo, false, false),
                "drop sequence invoice_no", false, "sequence invoice_no is dropped, and with it the last value it "
                        + "handed out; the downgrade makes it again at its start, 1000, and it hands out again the "
                        + "values it already gave. Whatever still draws from it (a query of the application, a "
                        + "function's dynamic SQL) fails from this migration on: declare the sequence in the model "
                        + "to keep it."));
        // The way back drops only what the upgrade made.
        assertThat(differ.diff(sequences(), sequences(sequence)).downgrade()).containsExactly(
                new Change(new DropSequence(invoiceNo, false, false), "drop sequence invoice_no", false, null));
    }

    @Test
    void identicalSchemasHaveNoDiff() {
        DatabaseSchema schema = schema(List.of("app"), List.of(table("app", "users").column("id", "integer").build()),
                List.of(new EnumType(MOOD, List.of("a"))), List.of());

        assertThat(differ.diff(schema, schema).isEmpty()).isTrue();
    }

    private static DatabaseSchema enums(EnumType... types) {
        return schema(List.of(), List.of(), List.of(types), List.of());
    }

    private static DatabaseSchema sequences(Sequence... sequences) {
        return schema(List.of(), List.of(), List.of(), List.of(sequences));
    }
}
