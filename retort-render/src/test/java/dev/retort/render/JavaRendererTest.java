package dev.retort.render;

import static dev.retort.operation.Operations.check;
import static dev.retort.operation.Operations.column;
import static dev.retort.operation.Operations.exclude;
import static dev.retort.operation.Operations.foreignKey;
import static dev.retort.operation.Operations.primaryKey;
import static dev.retort.operation.Operations.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.operation.AddConstraint;
import dev.retort.operation.Autocommit;
import dev.retort.operation.CreateSequence;
import dev.retort.operation.Deferral;
import dev.retort.operation.ForeignKeyAction;
import dev.retort.operation.ForeignKeyMatch;
import dev.retort.operation.Identity;
import dev.retort.operation.IndexElement;
import dev.retort.operation.Operation;
import dev.retort.operation.Operations;
import dev.retort.operation.QualifiedName;
import dev.retort.operation.SequenceOptions;
import dev.retort.operation.SequenceOwner;
import dev.retort.operation.UniqueDef;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class JavaRendererTest {
    private final JavaRenderer renderer = new JavaRenderer();

    /** Records what {@code migration} does on a fresh {@code Operations} and renders its only operation. */
    private String render(Consumer<Operations> migration) {
        return renderer.render(only(migration));
    }

    private static Operation only(Consumer<Operations> migration) {
        Operations op = new Operations();
        migration.accept(op);
        assertThat(op.operations()).hasSize(1);
        return op.operations().get(0);
    }

    // ---- the brief's examples

    @Test
    void addColumnWithDefaultsOnly() {
        assertThat(render(op -> op.addColumn("users", column("phone_number", "character varying(20)"))))
                .isEqualTo("op.addColumn(\"users\", column(\"phone_number\", \"character varying(20)\"));");
    }

    @Test
    void createTableWrapsOneElementPerLine() {
        assertThat(render(op -> op.createTable("assignments",
                column("id", "bigint").notNull().identity(Identity.BY_DEFAULT),
                column("user_id", "bigint").notNull(),
                primaryKey("id").named("assignments_pkey"),
                foreignKey("user_id", "users", "id").named("assignments_user_id_fkey")
                        .onDelete(ForeignKeyAction.CASCADE))))
                .isEqualTo("""
                        op.createTable("assignments",
                                column("id", "bigint").notNull().identity(Identity.BY_DEFAULT),
                                column("user_id", "bigint").notNull(),
                                primaryKey("id").named("assignments_pkey"),
                                foreignKey("user_id", "users", "id").named("assignments_user_id_fkey").onDelete(ForeignKeyAction.CASCADE));""");
    }

    @Test
    void createIndexUnique() {
        assertThat(render(op -> op.createIndex("ix_users_email", "users", "email").unique()))
                .isEqualTo("op.createIndex(\"ix_users_email\", \"users\", \"email\").unique();");
    }

    // ---- tables

    @Test
    void createTableWithEveryOption() {
        assertThat(render(op -> op.createTable("t", column("a", "int")).schema("app").comment("A table")
                .ifNotExists()))
                .isEqualTo("op.createTable(\"t\", column(\"a\", \"int\")).schema(\"app\").comment(\"A table\").ifNotExists();");
        assertThat(render(op -> op.createTable("empty"))).isEqualTo("op.createTable(\"empty\");");
        assertThat(render(op -> op.createTable("t", column("a", "int")).comment("")))
                .isEqualTo("op.createTable(\"t\", column(\"a\", \"int\")).comment(\"\");");
    }

    @Test
    void columnOptionsAreWrittenOnlyWhenSet() {
        assertThat(render(op -> op.createTable("t",
                column("a", "text").notNull().defaultExpression("'x'").unique(true).comment("c").collation("C"),
                column("b", "int").identity(Identity.ALWAYS).primaryKey(true),
                column("c", "int").generatedAs("a + 1"),
                column("e", "int").generatedAs("a + 2").virtual(true),
                column("d", "int").nullable(true).identity(Identity.NONE).comment(null))))
                .isEqualTo("""
                        op.createTable("t",
                                column("a", "text").notNull().defaultExpression("'x'").unique(true).comment("c").collation("C"),
                                column("b", "int").identity(Identity.ALWAYS).primaryKey(true),
                                column("c", "int").generatedAs("a + 1"),
                                column("e", "int").generatedAs("a + 2").virtual(true),
                                column("d", "int"));""");
    }

    @Test
    void tableConstraints() {
        assertThat(render(op -> op.createTable("t",
                primaryKey("a", "b"),
                unique("a").deferrable(),
                unique("b").named("u_b").initiallyDeferred(),
                foreignKey(List.of("a", "b"), "other", List.of("x", "y")).referencedSchema("s")
                        .onUpdate(ForeignKeyAction.SET_NULL).match(ForeignKeyMatch.FULL).deferrable(),
                foreignKey(List.of("c"), "other", List.of()).initiallyDeferred()
                        .onDelete(ForeignKeyAction.RESTRICT),
                check("a > 0").named("positive"),
                check("b > 0"))))
                .isEqualTo("""
                        op.createTable("t",
                                primaryKey("a", "b"),
                                unique("a").deferrable(),
                                unique("b").named("u_b").initiallyDeferred(),
                                foreignKey(List.of("a", "b"), "other", List.of("x", "y"))
                                        .referencedSchema("s")
                                        .onUpdate(ForeignKeyAction.SET_NULL)
                                        .match(ForeignKeyMatch.FULL)
                                        .deferrable(),
                                foreignKey(List.of("c"), "other", List.of()).onDelete(ForeignKeyAction.RESTRICT).initiallyDeferred(),
                                check("a > 0").named("positive"),
                                check("b > 0"));""");
    }

    @Test
    void dropAndRenameTables() {
        assertThat(render(op -> op.dropTable("t"))).isEqualTo("op.dropTable(\"t\");");
        assertThat(render(op -> op.dropTable("t").schema("s").ifExists().cascade()))
                .isEqualTo("op.dropTable(\"t\").schema(\"s\").ifExists().cascade();");
        assertThat(render(op -> op.renameTable("t", "u").schema("s")))
                .isEqualTo("op.renameTable(\"t\", \"u\").schema(\"s\");");
        assertThat(render(op -> op.setTableComment("t", "hi"))).isEqualTo("op.setTableComment(\"t\", \"hi\");");
        assertThat(render(op -> op.setTableUnlogged("t"))).isEqualTo("op.setTableUnlogged(\"t\");");
        assertThat(render(op -> op.createTable("t").unlogged())).isEqualTo("op.createTable(\"t\").unlogged();");
        assertThat(render(op -> op.createTable("t").with("fillfactor", "70").with("autovacuum_enabled", "off")))
                .isEqualTo("op.createTable(\"t\").with(\"autovacuum_enabled\", \"off\").with(\"fillfactor\", \"70\");");
        assertThat(render(op -> op.dropTableComment("t").schema("s")))
                .isEqualTo("op.dropTableComment(\"t\").schema(\"s\");");
    }

    // ---- columns

    @Test
    void addAndDropColumns() {
        assertThat(render(op -> op.addColumn("t", column("a", "int").notNull()).schema("s").ifNotExists()))
                .isEqualTo("op.addColumn(\"t\", column(\"a\", \"int\").notNull()).schema(\"s\").ifNotExists();");
        assertThat(render(op -> op.dropColumn("t", "a"))).isEqualTo("op.dropColumn(\"t\", \"a\");");
        assertThat(render(op -> op.dropColumn("t", "a").schema("s").ifExists().cascade()))
                .isEqualTo("op.dropColumn(\"t\", \"a\").schema(\"s\").ifExists().cascade();");
        assertThat(render(op -> op.dropColumn("t", "a").only())).isEqualTo("op.dropColumn(\"t\", \"a\").only();");
        assertThat(render(op -> op.dropColumn("t", "a").schema("s").only().dropNotNullFirst()))
                .isEqualTo("op.dropColumn(\"t\", \"a\").schema(\"s\").only().dropNotNullFirst();");
    }

    @Test
    void alterColumnWritesEachChangeItMakes() {
        assertThat(render(op -> op.alterColumn("t", "a").type("bigint")))
                .isEqualTo("op.alterColumn(\"t\", \"a\").type(\"bigint\");");
        assertThat(render(op -> op.alterColumn("t", "a").schema("s").type("numeric", "a::numeric").nullable(false)
                .setDefault("0").comment("amount").rename("b")))
                .isEqualTo("""
                        op.alterColumn("t", "a")
                                .schema("s")
                                .type("numeric", "a::numeric")
                                .nullable(false)
                                .setDefault("0")
                                .comment("amount")
                                .rename("b");""");
        assertThat(render(op -> op.alterColumn("t", "a").nullable(true).dropDefault().comment(null)))
                .isEqualTo("op.alterColumn(\"t\", \"a\").nullable(true).dropDefault().comment(null);");
    }

    // ---- indexes

    @Test
    void createIndexWithEveryOption() {
        assertThat(render(op -> op.createIndex("ix", "t", "a", "b").schema("s").unique().using("gin")
                .include("c", "d").where("a > 0").ifNotExists().concurrently()))
                .isEqualTo("""
                        op.createIndex("ix", "t", "a", "b")
                                .schema("s")
                                .unique()
                                .using("gin")
                                .include("c", "d")
                                .where("a > 0")
                                .ifNotExists()
                                .concurrently();""");
    }

    @Test
    void indexElementsBeyondPlainColumns() {
        assertThat(render(op -> op.createIndex("ix", "t", IndexElement.column("a"),
                IndexElement.expression("lower(b)").operatorClass("text_pattern_ops"),
                IndexElement.column("c").desc().nullsLast(), IndexElement.column("d").nullsFirst())))
                .isEqualTo("""
                        op.createIndex("ix",
                                "t",
                                IndexElement.column("a"),
                                IndexElement.expression("lower(b)").operatorClass("text_pattern_ops"),
                                IndexElement.column("c").desc().nullsLast(),
                                IndexElement.column("d").nullsFirst());""");
    }

    @Test
    void dropIndex() {
        assertThat(render(op -> op.dropIndex("ix"))).isEqualTo("op.dropIndex(\"ix\");");
        assertThat(render(op -> op.dropIndex("ix").schema("s").ifExists().concurrently()))
                .isEqualTo("op.dropIndex(\"ix\").schema(\"s\").ifExists().concurrently();");
        assertThat(render(op -> op.dropIndex("ix").cascade())).isEqualTo("op.dropIndex(\"ix\").cascade();");
    }

    // ---- constraints

    @Test
    void addedConstraintsReadLikeAlembic() {
        assertThat(render(op -> op.createPrimaryKey("t_pkey", "t", "a", "b").schema("s")))
                .isEqualTo("op.createPrimaryKey(\"t_pkey\", \"t\", \"a\", \"b\").schema(\"s\");");
        assertThat(render(op -> op.createPrimaryKey(null, "t", "a")))
                .isEqualTo("op.createPrimaryKey(null, \"t\", \"a\");");
        assertThat(render(op -> op.createUniqueConstraint("u", "t", "a").initiallyDeferred()))
                .isEqualTo("op.createUniqueConstraint(\"u\", \"t\", \"a\").initiallyDeferred();");
        assertThat(render(op -> op.createCheckConstraint(null, "t", "a <> ''").schema("s")))
                .isEqualTo("op.createCheckConstraint(null, \"t\", \"a <> ''\").schema(\"s\");");
        assertThat(render(op -> op.createExclusionConstraint("x", "t", "USING gist (a WITH &&)").schema("s")))
                .isEqualTo("op.createExclusionConstraint(\"x\", \"t\", \"USING gist (a WITH &&)\").schema(\"s\");");
        // createExclusionConstraint takes no deferral: a deferrable one is added as a value that carries it.
        assertThat(render(op -> op.addConstraint("t", exclude("USING gist (a WITH &&)").named("x").deferrable())))
                .isEqualTo("op.addConstraint(\"t\", exclude(\"USING gist (a WITH &&)\").named(\"x\").deferrable());");
        assertThat(render(op -> op.createForeignKey("fk", "orders", "users", List.of("user_id"), List.of("id"))
                .onDelete(ForeignKeyAction.CASCADE)))
                .isEqualTo("""
                        op.createForeignKey("fk", "orders", "users", List.of("user_id"), List.of("id"))
                                .onDelete(ForeignKeyAction.CASCADE);""");
        assertThat(render(op -> op.createForeignKey(null, "orders", "users", List.of("a", "b"), List.of()).schema("s")
                .referentSchema("r").onDelete(ForeignKeyAction.SET_DEFAULT).onUpdate(ForeignKeyAction.CASCADE)
                .match(ForeignKeyMatch.FULL).deferrable()))
                .isEqualTo("""
                        op.createForeignKey(null, "orders", "users", List.of("a", "b"), List.of())
                                .schema("s")
                                .referentSchema("r")
                                .onDelete(ForeignKeyAction.SET_DEFAULT)
                                .onUpdate(ForeignKeyAction.CASCADE)
                                .match(ForeignKeyMatch.FULL)
                                .deferrable();""");
    }

    @Test
    void aConstraintAddedAnyWayRendersTheSame() {
        Operation viaAddConstraint = only(op -> op.addConstraint("t", unique("a").named("u").deferrable()));
        assertThat(viaAddConstraint).isEqualTo(new AddConstraint(QualifiedName.of("t"),
                new UniqueDef("u", List.of("a"), Deferral.INITIALLY_IMMEDIATE)));
        assertThat(renderer.render(viaAddConstraint))
                .isEqualTo("op.createUniqueConstraint(\"u\", \"t\", \"a\").deferrable();");
    }

    @Test
    void dropConstraint() {
        assertThat(render(op -> op.dropConstraint("fk", "t"))).isEqualTo("op.dropConstraint(\"fk\", \"t\");");
        assertThat(render(op -> op.dropConstraint("fk", "t").schema("s").ifExists().cascade()))
                .isEqualTo("op.dropConstraint(\"fk\", \"t\").schema(\"s\").ifExists().cascade();");
    }

    // ---- enum types, sequences, schemas

    @Test
    void enumTypes() {
        assertThat(render(op -> op.createEnum("mood", "sad", "ok", "happy").schema("s")))
                .isEqualTo("op.createEnum(\"mood\", \"sad\", \"ok\", \"happy\").schema(\"s\");");
        assertThat(render(op -> op.createEnum("nothing"))).isEqualTo("op.createEnum(\"nothing\");");
        assertThat(render(op -> op.dropEnum("mood").schema("s").ifExists().cascade()))
                .isEqualTo("op.dropEnum(\"mood\").schema(\"s\").ifExists().cascade();");
        assertThat(render(op -> op.addEnumValue("mood", "meh"))).isEqualTo("op.addEnumValue(\"mood\", \"meh\");");
        assertThat(render(op -> op.addEnumValue("mood", "meh").schema("s").before("ok").ifNotExists()))
                .isEqualTo("op.addEnumValue(\"mood\", \"meh\").schema(\"s\").before(\"ok\").ifNotExists();");
        assertThat(render(op -> op.addEnumValue("mood", "meh").after("ok")))
                .isEqualTo("op.addEnumValue(\"mood\", \"meh\").after(\"ok\");");
        assertThat(render(op -> op.renameEnumValue("mood", "ok", "fine").schema("s")))
                .isEqualTo("op.renameEnumValue(\"mood\", \"ok\", \"fine\").schema(\"s\");");
    }

    @Test
    void sequences() {
        assertThat(render(op -> op.createSequence("seq"))).isEqualTo("op.createSequence(\"seq\");");
        assertThat(render(op -> op.createSequence("seq").schema("s").dataType("integer").start(10).increment(-1)
                .minValue(Long.MIN_VALUE).maxValue(5_000_000_000L).cache(20).cycle(false).ownedBy("t", "id")
                .ifNotExists()))
                .isEqualTo("""
                        op.createSequence("seq")
                                .schema("s")
                                .dataType("integer")
                                .start(10)
                                .increment(-1)
                                .minValue(-9223372036854775808L)
                                .maxValue(5000000000L)
                                .cache(20)
                                .cycle(false)
                                .ownedBy("t", "id")
                                .ifNotExists();""");
        assertThat(render(op -> op.alterSequence("seq").restartWith(1)))
                .isEqualTo("op.alterSequence(\"seq\").restartWith(1);");
        assertThat(render(op -> op.alterSequence("seq").cycle(true).ownedByNone().restartWith(-2147483648)))
                .isEqualTo("op.alterSequence(\"seq\").cycle(true).ownedByNone().restartWith(-2147483648);");
        assertThat(render(op -> op.dropSequence("seq").schema("s").ifExists().cascade()))
                .isEqualTo("op.dropSequence(\"seq\").schema(\"s\").ifExists().cascade();");
    }

    @Test
    void schemas() {
        assertThat(render(op -> op.createSchema("app"))).isEqualTo("op.createSchema(\"app\");");
        assertThat(render(op -> op.createSchema("app").ifNotExists()))
                .isEqualTo("op.createSchema(\"app\").ifNotExists();");
        assertThat(render(op -> op.dropSchema("app").ifExists().cascade()))
                .isEqualTo("op.dropSchema(\"app\").ifExists().cascade();");
    }

    @Test
    void extensions() {
        assertThat(render(op -> op.createExtension("citext"))).isEqualTo("op.createExtension(\"citext\");");
        assertThat(render(op -> op.createExtension("pg_trgm").schema("ext").ifNotExists()))
                .isEqualTo("op.createExtension(\"pg_trgm\").schema(\"ext\").ifNotExists();");
        assertThat(render(op -> op.dropExtension("citext").ifExists().cascade()))
                .isEqualTo("op.dropExtension(\"citext\").ifExists().cascade();");
        assertThat(render(op -> op.setExtensionSchema("citext", "ext")))
                .isEqualTo("op.setExtensionSchema(\"citext\", \"ext\");");
    }

    // ---- data and raw SQL

    @Test
    void executeOneLine() {
        assertThat(render(op -> op.execute("UPDATE users SET name = 'x' WHERE \"Id\" = 1")))
                .isEqualTo("op.execute(\"UPDATE users SET name = 'x' WHERE \\\"Id\\\" = 1\");");
        assertThat(render(op -> op.execute("SELECT 1;\n"))).isEqualTo("op.execute(\"SELECT 1;\\n\");");
    }

    @Test
    void executeSeveralLinesAsATextBlock() {
        assertThat(render(op -> op.execute("CREATE FUNCTION f() RETURNS int AS $$\n"
                + "  SELECT \"a\"\"\"\"b\" FROM t -- \\d\n"
                + "$$ LANGUAGE sql;\n")))
                .isEqualTo("""
                        op.execute(\"""
                                CREATE FUNCTION f() RETURNS int AS $$
                                  SELECT "a""\\""b" FROM t -- \\\\d
                                $$ LANGUAGE sql;
                                \""");""");
        assertThat(render(op -> op.execute("SELECT 1\nFROM t")))
                .isEqualTo("op.execute(\"\"\"\n        SELECT 1\n        FROM t\\\n        \"\"\");");
    }

    @Test
    void bulkInsertWritesEveryValueTypeExactly() {
        assertThat(render(op -> op.bulkInsert("t", "a").schema("s").row(1).row((Object) null)))
                .isEqualTo("op.bulkInsert(\"t\", \"a\").schema(\"s\").row(1).row((Object) null);");
        assertThat(render(op -> op.bulkInsert("t", "a", "b", "c", "d", "e", "f", "g")
                .row("x", 'y', true, 5L, (short) -5, (byte) 7, null)
                .row(1.5, 2.5f, Double.NaN, Float.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -0.0, 1e300)
                .row(new BigDecimal("1.50"), new BigInteger("-123456789012345678901234567890"),
                        UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), new byte[] {1, -2}, new byte[0],
                        LocalDate.of(2024, 2, 29), LocalTime.of(10, 15, 30, 5))
                .row(LocalDateTime.of(2024, 1, 1, 0, 0), OffsetDateTime.of(2024, 1, 1, 9, 30, 0, 0, ZoneOffset.ofHours(2)),
                        OffsetTime.of(9, 30, 0, 0, ZoneOffset.UTC),
                        ZonedDateTime.of(2024, 7, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris")),
                        Instant.parse("2024-01-01T00:00:00Z"), '\'', "")))
                .isEqualTo("""
                        op.bulkInsert("t", "a", "b", "c", "d", "e", "f", "g")
                                .row("x", 'y', true, 5L, (short) -5, (byte) 7, null)
                                .row(1.5, 2.5f, Double.NaN, Float.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -0.0, 1.0E300)
                                .row(new BigDecimal("1.50"),
                                        new BigInteger("-123456789012345678901234567890"),
                                        UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                                        new byte[] {1, -2},
                                        new byte[0],
                                        LocalDate.parse("2024-02-29"),
                                        LocalTime.parse("10:15:30.000000005"))
                                .row(LocalDateTime.parse("2024-01-01T00:00"),
                                        OffsetDateTime.parse("2024-01-01T09:30+02:00"),
                                        OffsetTime.parse("09:30Z"),
                                        ZonedDateTime.parse("2024-07-01T12:00+02:00[Europe/Paris]"),
                                        Instant.parse("2024-01-01T00:00:00Z"),
                                        '\\'',
                                        "");""");
        assertThat(render(op -> op.bulkInsert("t", "a"))).isEqualTo("op.bulkInsert(\"t\", \"a\");");
    }

    @Test
    void autocommitIndentsItsStatements() {
        assertThat(render(op -> op.autocommit(() -> {
            op.addEnumValue("mood", "meh");
            op.createIndex("ix", "t", "a").concurrently();
            op.execute("SELECT 1\nFROM t\n");
        }))).isEqualTo("""
                op.autocommit(() -> {
                    op.addEnumValue("mood", "meh");
                    op.createIndex("ix", "t", "a").concurrently();
                    op.execute(\"""
                            SELECT 1
                            FROM t
                            \""");
                });""");
    }

    // ---- layout

    @Test
    void aLongColumnBreaksItsOptionsOntoLines() {
        String comment = "x".repeat(80);
        assertThat(render(op -> op.addColumn("users", column("status", "character varying(20)").notNull()
                .defaultExpression("'active'::character varying").comment(comment))))
                .isEqualTo("op.addColumn(\"users\",\n"
                        + "        column(\"status\", \"character varying(20)\")\n"
                        + "                .notNull()\n"
                        + "                .defaultExpression(\"'active'::character varying\")\n"
                        + "                .comment(\"" + comment + "\"));");
    }

    @Test
    void aStatementOfExactlyTheWidthStaysOnOneLine() {
        String name = "n".repeat(Layout.WIDTH - "op.dropTable(\"\");".length());
        assertThat(render(op -> op.dropTable(name))).doesNotContain("\n").hasSize(Layout.WIDTH);
        String longer = name + "n";
        assertThat(render(op -> op.dropTable(longer).ifExists())).isEqualTo("op.dropTable(\"" + longer + "\")\n"
                + "        .ifExists();");
    }

    @Test
    void aLongLiteralIsNeverBroken() {
        String sql = "SELECT " + "1 + ".repeat(40) + "1";
        assertThat(render(op -> op.execute(sql))).isEqualTo("op.execute(\"" + sql + "\");");
    }

    @Test
    void optionsFollowAWrappedCallOnItsLastLineWhenTheyFit() {
        assertThat(render(op -> op.createTable("t", column("a", "int"), column("b", "int"), column("c", "int"),
                column("d", "int"), column("e", "int"), column("f", "int")).schema("app")))
                .isEqualTo("""
                        op.createTable("t",
                                column("a", "int"),
                                column("b", "int"),
                                column("c", "int"),
                                column("d", "int"),
                                column("e", "int"),
                                column("f", "int")).schema("app");""");
    }

    // ---- imports

    @Test
    void importsListWhatTheStatementsName() {
        Operations op = new Operations();
        op.createTable("t", column("id", "bigint").identity(Identity.ALWAYS), primaryKey("id"),
                foreignKey(List.of("id"), "u", List.of("id")).onDelete(ForeignKeyAction.CASCADE), check("id > 0"),
                unique("id"));
        op.createIndex("ix", "t", IndexElement.column("id").desc());
        op.createForeignKey(null, "t", "u", List.of("a"), List.of("b")).match(ForeignKeyMatch.FULL);
        op.autocommit(() -> op.bulkInsert("t", "a").row(new BigDecimal("1")).row(UUID.randomUUID())
                .row(LocalDate.now()));
        assertThat(renderer.imports(op.operations())).containsExactly(
                "dev.retort.operation.ForeignKeyAction",
                "dev.retort.operation.ForeignKeyMatch",
                "dev.retort.operation.Identity",
                "dev.retort.operation.IndexElement",
                "java.math.BigDecimal",
                "java.time.LocalDate",
                "java.util.List",
                "java.util.UUID",
                "static dev.retort.operation.Operations.check",
                "static dev.retort.operation.Operations.column",
                "static dev.retort.operation.Operations.foreignKey",
                "static dev.retort.operation.Operations.primaryKey",
                "static dev.retort.operation.Operations.unique");
        assertThat(renderer.imports(List.of(only(o -> o.dropTable("t"))))).isEmpty();
    }

    // ---- what the API cannot say

    @Test
    void whatTheApiCannotExpressFailsLoudly() {
        assertThatThrownBy(() -> renderer.render(new Autocommit(List.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("empty autocommit block");
    }

    @Test
    void aNewSequenceOwnedByNoColumnIsAPlainSequence() {
        CreateSequence ownedByNone = new CreateSequence(QualifiedName.of("app", "seq"),
                SequenceOptions.UNSPECIFIED.ownedBy(SequenceOwner.NONE), false);
        assertThat(renderer.render(ownedByNone)).isEqualTo("op.createSequence(\"seq\").schema(\"app\");");
    }
}
