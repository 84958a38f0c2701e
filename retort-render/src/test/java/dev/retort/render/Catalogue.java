package dev.retort.render;

import static dev.retort.operation.Operations.check;
import static dev.retort.operation.Operations.column;
import static dev.retort.operation.Operations.exclude;
import static dev.retort.operation.Operations.foreignKey;
import static dev.retort.operation.Operations.primaryKey;
import static dev.retort.operation.Operations.unique;

import dev.retort.operation.ForeignKeyAction;
import dev.retort.operation.ForeignKeyMatch;
import dev.retort.operation.Identity;
import dev.retort.operation.IndexElement;
import dev.retort.operation.Operation;
import dev.retort.operation.Operations;
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
import java.util.Map;
import java.util.UUID;

/** Operations that together use every kind of operation and every option the API has, for round trips. */
final class Catalogue {
    /**
     * Text that tests the escaping: quotes, backslashes, comment ends, escapes javac would translate, unicode, and a
     * lone high surrogate followed by a backslash and a control, which javac misread when written plainly (see
     * JavaLiterals; the octal escape here keeps this file clear of it too).
     */
    static final String AWKWARD = "it's \"quoted\" \\ */ /* \\u0041 \\\\u0022 é 日本 😀 \t\u0000\u0007\u001b\u007f"
            + "\u0085\u00a0\u00ad\u200b\u202e\u2028\u2029\u3000\ud800 \udfff\ufeff\uffff \ud83d\134\u0018 end";

    private Catalogue() {
    }

    static List<Operation> schemaChanges() {
        Operations op = new Operations();
        op.createSchema("app");
        op.createSchema("app").ifNotExists();
        op.createTable("assignments",
                column("id", "bigint").notNull().identity(Identity.BY_DEFAULT),
                column("user_id", "bigint").notNull(),
                column("kind", "text").defaultExpression("'manual'::text").unique(true).comment("How it was made")
                        .collation("C"),
                column("total", "numeric").generatedAs("price * quantity"),
                column("always", "int").identity(Identity.ALWAYS),
                column("nullable_again", "int").nullable(true),
                primaryKey("id").named("assignments_pkey"),
                foreignKey("user_id", "users", "id").named("assignments_user_id_fkey")
                        .onDelete(ForeignKeyAction.CASCADE),
                foreignKey(List.of("a", "b"), "other", List.of()).referencedSchema("ref")
                        .onUpdate(ForeignKeyAction.SET_NULL).onDelete(ForeignKeyAction.SET_DEFAULT)
                        .match(ForeignKeyMatch.FULL).deferrable(),
                foreignKey(List.of("c"), "other", List.of("d")).onDelete(ForeignKeyAction.RESTRICT)
                        .initiallyDeferred(),
                unique("kind", "user_id").named("u_kind").deferrable(),
                unique("total").initiallyDeferred(),
                check("total >= 0").named("total_positive"),
                check("kind <> ''"))
                .schema("app").comment("Who does what").ifNotExists();
        op.createTable("composite", column("a", "int").primaryKey(true), column("b", "int").primaryKey(true));
        op.createTable("empty");
        op.createTable("commented", column("a", "int")).comment("");
        op.createTable("cache", column("k", "text")).unlogged();
        op.dropTable("t");
        op.dropTable("t").schema("s").ifExists().cascade();
        op.renameTable("t", "u");
        op.renameTable("t", "u").schema("s");
        op.setTableComment("t", "hello");
        op.setTableComment("t", "").schema("s");
        op.dropTableComment("t");
        op.dropTableComment("t").schema("s");
        op.setTableUnlogged("t");
        op.setTableLogged("t").schema("s");

        op.addColumn("users", column("phone_number", "character varying(20)"));
        op.addColumn("users", column("a", "int").notNull().defaultExpression("0")).schema("s").ifNotExists();
        op.dropColumn("t", "a");
        op.dropColumn("t", "a").schema("s").ifExists().cascade();
        op.alterColumn("t", "a").type("bigint");
        op.alterColumn("t", "a").schema("s").type("numeric(10, 2)", "a::numeric").nullable(false).setDefault("0")
                .comment("amount").rename("b");
        op.alterColumn("t", "a").nullable(true).dropDefault().comment(null);
        op.alterColumn("t", "a").comment("");
        op.alterColumn("t", "a").rename("b");

        op.createIndex("ix_users_email", "users", "email").unique();
        op.createIndex("ix_all", "t", "a", "b").schema("s").unique().using("gin").include("c", "d").where("a > 0")
                .ifNotExists().concurrently();
        op.createIndex("ix_elements", "t", IndexElement.column("a"),
                IndexElement.expression("lower(b)").operatorClass("text_pattern_ops"),
                IndexElement.column("c").desc().nullsLast(), IndexElement.column("d").asc().nullsFirst(),
                IndexElement.expression("(e + 1)").desc());
        op.dropIndex("ix");
        op.dropIndex("ix").schema("s").ifExists().concurrently();
        op.dropIndex("ix").cascade();

        op.createPrimaryKey("t_pkey", "t", "a", "b").schema("s");
        op.createPrimaryKey(null, "t", "a");
        op.createUniqueConstraint("u", "t", "a").schema("s").deferrable();
        op.createUniqueConstraint(null, "t", "a", "b").initiallyDeferred();
        op.createForeignKey("fk", "orders", "users", List.of("user_id"), List.of("id"))
                .onDelete(ForeignKeyAction.CASCADE);
        op.createForeignKey(null, "orders", "users", List.of("a", "b"), List.of()).schema("s").referentSchema("r")
                .onDelete(ForeignKeyAction.SET_NULL).onUpdate(ForeignKeyAction.RESTRICT).match(ForeignKeyMatch.FULL)
                .initiallyDeferred();
        op.createForeignKey(null, "orders", "users", List.of("a"), List.of("b")).deferrable()
                .onUpdate(ForeignKeyAction.NO_ACTION).match(ForeignKeyMatch.SIMPLE);
        op.createCheckConstraint("positive", "t", "a > 0").schema("s");
        op.createCheckConstraint(null, "t", "a <> ''");
        op.createExclusionConstraint("no_overlap", "t", "USING gist (a WITH =, b WITH &&)").schema("s");
        op.addConstraint("t", exclude("USING gist (b WITH &&) WHERE (a > 0)").initiallyDeferred());
        op.addConstraint("t", primaryKey("x").named("named_pk")).schema("s");
        op.dropConstraint("fk", "t");
        op.dropConstraint("fk", "t").schema("s").ifExists().cascade();

        op.createEnum("mood", "sad", "ok", "happy");
        op.createEnum("nothing").schema("s");
        op.dropEnum("mood");
        op.dropEnum("mood").schema("s").ifExists().cascade();
        op.addEnumValue("mood", "meh");
        op.addEnumValue("mood", "meh").schema("s").before("ok").ifNotExists();
        op.addEnumValue("mood", "meh").after("ok");
        op.renameEnumValue("mood", "ok", "fine");
        op.renameEnumValue("mood", "ok", "fine").schema("s");
        op.createCast("character varying", "mood");
        op.createCast("mood", "text").asAssignment();
        op.createCast("character varying", "s.mood").asImplicit();
        op.dropCast("mood", "text");
        op.dropCast("character varying", "s.mood").ifExists();

        op.createSequence("seq");
        op.createSequence("seq").schema("s").dataType("integer").start(10).increment(-1).minValue(Long.MIN_VALUE)
                .maxValue(Long.MAX_VALUE).cache(20).cycle(false).ownedBy("t", "id").ifNotExists();
        op.createSequence("seq").start(5_000_000_000L).cycle(true);
        op.alterSequence("seq").restartWith(1);
        op.alterSequence("seq").schema("s").dataType("bigint").start(-5_000_000_000L).increment(2).minValue(0)
                .maxValue(Integer.MAX_VALUE).cache(1).cycle(true).ownedByNone().restartWith(Integer.MIN_VALUE);
        op.alterSequence("seq").ownedBy("t", "id");
        op.dropSequence("seq");
        op.dropSequence("seq").schema("s").ifExists().cascade();

        op.dropSchema("app");
        op.dropSchema("app").ifExists().cascade();

        op.createExtension("citext");
        op.createExtension("pg_trgm").schema("ext").ifNotExists();
        op.setExtensionSchema("pg_trgm", "public");
        op.dropExtension("citext");
        op.dropExtension("pg_trgm").ifExists().cascade();
        return op.operations();
    }

    static List<Operation> dataAndSql() {
        Operations op = new Operations();
        op.execute("UPDATE users SET name = 'x' WHERE \"Id\" = 1");
        op.execute("SELECT 1;\n");
        op.execute("CREATE FUNCTION f() RETURNS int AS $$\n  SELECT \"a\"\"\"\"b\"\"\" FROM t -- \\d\n$$ LANGUAGE sql;\n");
        op.execute("SELECT 1\nFROM t");
        op.execute("SELECT '\"\"\"'\n\"\"\"\n\"");
        op.execute("trailing space \n\ttrailing tab\t\nwide space\u3000\nline sep\u2028\n   \n\t\n\n\r\nend\r\n");
        op.execute("  leading\n\u3000also leading\n" + AWKWARD + "\n" + AWKWARD);
        op.execute("\n\nx");
        op.execute("x\n\n");
        op.execute("ends in a backslash\\\nand \\u000a stays text\\");
        op.bulkInsert("t", "a").schema("s").row(1).row((Object) null);
        op.bulkInsert("t", "a", "b", "c", "d", "e", "f", "g")
                .row("x", 'y', true, 5L, (short) -5, (byte) 7, null)
                .row(1.5, 2.5f, Double.NaN, Float.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -0.0, 1e300)
                .row(Double.MIN_VALUE, Float.MIN_VALUE, Float.MAX_VALUE, Double.MAX_VALUE, -0.0f, Float.NaN,
                        Float.POSITIVE_INFINITY)
                .row(Integer.MIN_VALUE, Long.MIN_VALUE, Short.MIN_VALUE, Byte.MIN_VALUE, Integer.MAX_VALUE,
                        Long.MAX_VALUE, false)
                .row(new BigDecimal("1.50"), new BigInteger("-123456789012345678901234567890"),
                        UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), new byte[] {1, -2, 127, -128},
                        new byte[0], LocalDate.of(2024, 2, 29), LocalTime.of(10, 15, 30, 5))
                .row(LocalDateTime.of(2024, 1, 1, 0, 0), OffsetDateTime.of(2024, 1, 1, 9, 30, 0, 0, ZoneOffset.ofHours(2)),
                        OffsetTime.of(9, 30, 0, 0, ZoneOffset.UTC),
                        ZonedDateTime.of(2024, 7, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris")),
                        Instant.parse("2024-01-01T00:00:00Z"), '\'', "")
                .row(new BigDecimal("1E+3"), new BigDecimal("-0.000"), LocalDate.of(-44, 3, 15),
                        LocalDate.of(12345, 1, 1), ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC")),
                        Instant.ofEpochSecond(-1, 1), AWKWARD)
                .row('\\', '\n', '\u0000', '\ud800', 'é', '"', OffsetTime.of(0, 0, 1, 0, ZoneOffset.ofHoursMinutesSeconds(5, 30, 15)));
        op.bulkInsert("t", List.of(Map.of("b", 1, "a", "x"), Map.of("a", "y", "b", 2)));
        op.bulkInsert("empty", "a");
        op.autocommit(() -> {
            op.addEnumValue("mood", "meh");
            op.createIndex("ix", "t", "a").concurrently();
            op.execute("SELECT 1\nFROM t\n");
            op.createTable("inside", column("a", "int"), column("b", "text").notNull().comment("x".repeat(100)));
        });
        return op.operations();
    }

    /** Every name and text in awkward characters, so that escaping is tested wherever text is written. */
    static List<Operation> awkwardText() {
        String a = AWKWARD;
        Operations op = new Operations();
        op.createTable(a, column(a, a).notNull().defaultExpression(a).comment(a).collation(a).unique(true),
                column(a + "2", a).generatedAs(a), primaryKey(a).named(a),
                foreignKey(a, a, a).named(a + "fk").referencedSchema(a), check(a).named(a + "check"))
                .schema(a).comment(a);
        op.alterColumn(a, a).schema(a).type(a, a).setDefault(a).comment(a).rename(a);
        op.createIndex(a, a, IndexElement.expression(a).operatorClass(a)).using(a).include(a).where(a).schema(a);
        op.createEnum(a, a, " ").schema(a);
        op.addEnumValue(a, a).before(a);
        op.createSequence(a).dataType(a).ownedBy(a, a).schema(a);
        op.bulkInsert(a, a).row(a).schema(a);
        op.createSchema(a);
        op.execute(a);
        return op.operations();
    }
}
