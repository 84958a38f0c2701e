package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.testkit.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operations API, rendered by the dialect and run by the runtime on real PostgreSQL, both ways. */
class OperationsOnPostgresTest {
    @TempDir
    Path dir;

    static final String MIGRATION = """
            import static dev.retort.operation.Operations.*;

            import dev.retort.Migration;
            import dev.retort.Revision;
            import dev.retort.operation.*;
            import java.util.List;
            import java.util.Map;

            @Revision(id = "0b0b0b0b0b01", message = "every operation")
            class EveryOperation_0b0b0b0b0b01 implements Migration {
                public void upgrade(Operations op) {
                    op.createSchema("inventory");
                    op.createEnum("status", "new", "used");
                    op.addEnumValue("status", "broken").after("used");
                    op.createCast("character varying", "status").asImplicit();
                    op.createCast("status", "text").asAssignment();
                    op.createSequence("ticket_seq").start(100).increment(5);
                    op.createTable("owners",
                            column("id", "bigint").identity(Identity.BY_DEFAULT).primaryKey(true),
                            column("name", "text").notNull(),
                            unique("name")).comment("people who own things");
                    op.createTable("Item List",                         // a name that needs quoting
                            column("id", "bigint").identity(Identity.ALWAYS).primaryKey(true),
                            column("owner_id", "bigint"),
                            column("select", "text"),                   // a reserved word
                            column("state", "status").notNull().defaultExpression("'new'"),
                            column("price", "numeric(10,2)"),
                            foreignKey("owner_id", "owners", "id").onDelete(ForeignKeyAction.SET_NULL).deferrable(),
                            check("price >= 0"));
                    op.createTable("parts", column("id", "int").primaryKey(true)).schema("inventory");
                    op.addColumn("Item List", column("note", "varchar(20)").comment("free text"));
                    op.alterColumn("Item List", "note").type("text").nullable(true);
                    op.alterColumn("Item List", "price").type("numeric(12,2)", "price::numeric(12,2)");
                    op.alterColumn("Item List", "select").rename("label");
                    op.createIndex("ix_items_label", "Item List", "label").where("label IS NOT NULL");
                    op.createIndex("ix_items_lower_label", "Item List", IndexElement.expression("lower(label)"));
                    op.createIndex("ix_items_state", "Item List", "state").concurrently();
                    op.createCheckConstraint("ck_owner_name", "owners", "length(name) > 0");
                    op.setTableComment("Item List", "things; with \\"quotes\\" and 'apostrophes'");
                    op.bulkInsert("owners", List.of(Map.of("name", "O'Brien"), Map.of("name", "Zoë")));
                    op.execute("INSERT INTO \\"Item List\\" (owner_id, label, price) SELECT id, name, 1.5 FROM owners");
                }

                public void downgrade(Operations op) {
                    op.dropIndex("ix_items_state").concurrently();
                    op.dropTable("Item List");
                    op.dropTable("parts").schema("inventory");
                    op.dropTable("owners");
                    op.dropSequence("ticket_seq");
                    op.dropCast("status", "text");
                    op.dropCast("character varying", "status").ifExists();
                    op.dropEnum("status");
                    op.dropSchema("inventory");
                }
            }
            """;

    @Test
    void everyOperationRunsAndReverts() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("migrations/versions/0b0b0b0b0b01_every_operation.java", MIGRATION);
        cli.ok("upgrade", "head");
        assertThat(cli.column("SELECT label || ':' || state || ':' || price FROM \"Item List\" ORDER BY label"))
                .containsExactly("O'Brien:new:1.50", "Zoë:new:1.50");
        assertThat(cli.column("SELECT unnest(enum_range(NULL::status))::text")).containsExactly("new", "used", "broken");
        assertThat(cli.column("SELECT indexname FROM pg_indexes WHERE tablename = 'Item List' ORDER BY 1"))
                .containsExactly("Item List_pkey", "ix_items_label", "ix_items_lower_label", "ix_items_state");
        assertThat(cli.column("SELECT data_type FROM information_schema.columns WHERE table_name = 'Item List' "
                + "AND column_name = 'note'")).containsExactly("text");
        assertThat(cli.column("SELECT obj_description('\"Item List\"'::regclass)"))
                .containsExactly("things; with \"quotes\" and 'apostrophes'");
        assertThat(cli.column("SELECT nextval('ticket_seq')::text")).containsExactly("100");
        assertThat(cli.column("SELECT castsource::regtype || ' ' || casttarget::regtype || ' ' || castcontext::text"
                + " || castmethod::text FROM pg_cast WHERE 'status'::regtype IN (castsource, casttarget) ORDER BY 1"))
                .containsExactly("character varying status ii", "status text ai");
        assertThat(cli.tableExists("parts")).isTrue();

        cli.ok("downgrade", "base");
        assertThat(cli.column("SELECT tablename FROM pg_tables WHERE schemaname IN ('public', 'inventory') "
                + "AND tablename NOT IN ('retort_version', 'retort_history')")).isEmpty();
        assertThat(cli.column("SELECT typname FROM pg_type WHERE typname = 'status'")).isEmpty();
        assertThat(cli.column("SELECT nspname FROM pg_namespace WHERE nspname = 'inventory'")).isEmpty();
    }

    /**
     * The floating-point values a Java double or float holds reach their columns as they are: -0.0 stays negative zero,
     * which the literal -0.0 would not (PostgreSQL reads it as the numeric 0.0 negated, which is 0). The offline SQL
     * is the statement the run executes, so a script applied later stores the same.
     */
    @Test
    void bulkInsertKeepsNegativeZeroAndNonFiniteFloats() {
        Cli cli = new Cli(dir, TestPostgres.freshDatabase());
        cli.write("migrations/versions/0b0b0b0b0b02_floats.java", """
                import static dev.retort.operation.Operations.column;

                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "0b0b0b0b0b02", message = "floats")
                class Floats_0b0b0b0b0b02 implements Migration {
                    public void upgrade(Operations op) {
                        op.createTable("floats", column("n", "int"), column("d", "double precision"),
                                column("r", "real"));
                        op.bulkInsert("floats", "n", "d", "r")
                                .row(1, -0.0, -0.0f)
                                .row(2, 0.0, 0.0f)
                                .row(3, -1.5, -2.5f)
                                .row(4, Double.NaN, Float.NEGATIVE_INFINITY);
                    }
                    public void downgrade(Operations op) {
                        op.dropTable("floats");
                    }
                }
                """);

        String sql = cli.ok("upgrade", "--sql", "head").out();
        cli.ok("upgrade", "head");

        assertThat(cli.column("SELECT n || ' ' || d::text || ' ' || r::text FROM floats ORDER BY n"))
                .containsExactly("1 -0 -0", "2 0 0", "3 -1.5 -2.5", "4 NaN -Infinity");
        assertThat(sql).contains("(1, '-0'::double precision, '-0'::real)");
    }
}
