package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.embedded.EmbeddedPostgres;
import dev.retort.testkit.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hibernate builds a composite primary key, and the foreign keys that reference it, in one column order when it
 * creates the schema ({@code ddl-auto=create}, 6.2 and later: smaller columns first, then by name) and in the
 * mapping's order when it updates it, or in Hibernate 5. Retort creates tables as {@code ddl-auto=create} does, and
 * takes a database with either order for the same entities; a schema file's order is its own, and still compared.
 */
class KeyColumnOrderTest {
    private static final String ENTITIES = "src/main/java/com/example/";

    @TempDir
    java.nio.file.Path dir;
    Cli cli;

    @BeforeEach
    void project() {
        cli = new Cli(dir, TestPostgres.freshDatabase());
    }

    @AfterEach
    void discardTheProjectServer() {
        // Autogenerate's dev database and `retort test`'s server are the project's embedded one.
        EmbeddedPostgres.discardProject(dir.resolve(".retort"));
    }

    private void entities() {
        cli.write("retort.toml", "[models]\nsources = [\"src/main/java\"]\n"
                + "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n");
        cli.write(ENTITIES + "OrderLineId.java", """
                package com.example;

                public class OrderLineId implements java.io.Serializable {
                    Long orderId;
                    Integer position;
                    @Override public boolean equals(Object o) { return o == this; }
                    @Override public int hashCode() { return 0; }
                }
                """);
        cli.write(ENTITIES + "OrderLine.java", """
                package com.example;

                import jakarta.persistence.*;

                @Entity @Table(name = "order_lines") @IdClass(OrderLineId.class)
                public class OrderLine {
                    @Id private Long orderId;
                    @Id private Integer position;
                    private String note;
                }
                """);
        cli.write(ENTITIES + "Parcel.java", """
                package com.example;

                import jakarta.persistence.*;
                import java.util.Set;

                @Entity @Table(name = "parcels")
                public class Parcel {
                    @Id private Long id;
                    @ManyToOne @JoinColumns({
                        @JoinColumn(name = "line_order_id", referencedColumnName = "orderId"),
                        @JoinColumn(name = "line_position", referencedColumnName = "position")})
                    private OrderLine line;
                    @ManyToMany private Set<OrderLine> extras;
                }
                """);
    }

    /** The columns of a table's constraint, in their order. */
    private String columns(String constraint) {
        return cli.column("SELECT string_agg(a.attname, ', ' ORDER BY k.n) FROM pg_constraint c, "
                + "unnest(c.conkey) WITH ORDINALITY k(attnum, n), pg_attribute a WHERE c.conname = '" + constraint
                + "' AND a.attrelid = c.conrelid AND a.attnum = k.attnum").get(0);
    }

    @Test
    void newTablesHaveTheKeyOrderOfHibernatesCreate() {
        entities();
        cli.ok("revision", "--autogenerate", "-m", "orders");
        cli.ok("upgrade", "head");

        assertThat(columns("order_lines_pkey")).isEqualTo("position, order_id");
        assertThat(columns("parcels_extras_pkey")).isEqualTo("extras_position, extras_order_id, parcel_id");
        assertThat(columns(foreignKey("parcels"))).isEqualTo("line_position, line_order_id");
        assertThat(columns(foreignKey("parcels_extras"))).isEqualTo("extras_position, extras_order_id");
        assertThat(cli.ok("check").out()).contains("No differences");
    }

    @Test
    void aDatabaseWithTheKeysInTheMappingsOrderHasNoDifferences() {
        entities();
        cli.ok("revision", "--autogenerate", "-m", "orders");
        cli.ok("upgrade", "head");
        // The keys rebuilt as Hibernate's ddl-auto=update (or Hibernate 5) builds them: in the mapping's order.
        String parcelsFk = foreignKey("parcels");
        String extrasFk = foreignKey("parcels_extras");
        cli.execute("ALTER TABLE parcels DROP CONSTRAINT " + parcelsFk + ";"
                + "ALTER TABLE parcels_extras DROP CONSTRAINT " + extrasFk + ";"
                + "ALTER TABLE order_lines DROP CONSTRAINT order_lines_pkey,"
                + " ADD CONSTRAINT order_lines_pkey PRIMARY KEY (order_id, position);"
                + "ALTER TABLE parcels_extras DROP CONSTRAINT parcels_extras_pkey,"
                + " ADD CONSTRAINT parcels_extras_pkey PRIMARY KEY (parcel_id, extras_order_id, extras_position);"
                + "ALTER TABLE parcels ADD CONSTRAINT " + parcelsFk
                + " FOREIGN KEY (line_order_id, line_position) REFERENCES order_lines;"
                + "ALTER TABLE parcels_extras ADD CONSTRAINT " + extrasFk
                + " FOREIGN KEY (extras_order_id, extras_position) REFERENCES order_lines;");
        assertThat(columns("order_lines_pkey")).isEqualTo("order_id, position");
        assertThat(columns(parcelsFk)).isEqualTo("line_order_id, line_position");

        assertThat(cli.ok("check").out()).contains("No differences");
        Cli.Result none = cli.run("revision", "--autogenerate", "-m", "nothing");
        assertThat(none.err()).as(none.toString()).contains("No changes detected");
    }

    @Test
    void migrationsThatBuildTheKeysInTheMappingsOrderPassTheTestOfTheModels() {
        entities();
        java.net.URI server = java.net.URI.create(cli.jdbcUrl.substring("jdbc:".length()));
        cli.write("retort.toml", "[models]\nsources = [\"src/main/java\"]\n"
                + "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n"
                + "[test]\ndatabase_url = \"postgresql://postgres@" + server.getHost() + ":" + server.getPort()
                + "/postgres\"\n");
        cli.ok("revision", "--autogenerate", "-m", "orders");
        cli.ok("upgrade", "head");
        // A later migration rebuilds the keys in the mapping's order, as one written for ddl-auto=update would.
        String parcelsFk = foreignKey("parcels");
        String extrasFk = foreignKey("parcels_extras");
        cli.sql("bbbbbbbbbbb1", cli.versions().get(0), "mapping order",
                "ALTER TABLE parcels DROP CONSTRAINT " + parcelsFk + ";\n"
                        + "ALTER TABLE parcels_extras DROP CONSTRAINT " + extrasFk + ";\n"
                        + "ALTER TABLE order_lines DROP CONSTRAINT order_lines_pkey,"
                        + " ADD CONSTRAINT order_lines_pkey PRIMARY KEY (order_id, position);\n"
                        + "ALTER TABLE parcels_extras DROP CONSTRAINT parcels_extras_pkey, ADD CONSTRAINT"
                        + " parcels_extras_pkey PRIMARY KEY (parcel_id, extras_order_id, extras_position);\n"
                        + "ALTER TABLE parcels ADD CONSTRAINT " + parcelsFk
                        + " FOREIGN KEY (line_order_id, line_position) REFERENCES order_lines;\n"
                        + "ALTER TABLE parcels_extras ADD CONSTRAINT " + extrasFk
                        + " FOREIGN KEY (extras_order_id, extras_position) REFERENCES order_lines;",
                "ALTER TABLE parcels DROP CONSTRAINT " + parcelsFk + ";\n"
                        + "ALTER TABLE parcels_extras DROP CONSTRAINT " + extrasFk + ";\n"
                        + "ALTER TABLE order_lines DROP CONSTRAINT order_lines_pkey,"
                        + " ADD CONSTRAINT order_lines_pkey PRIMARY KEY (position, order_id);\n"
                        + "ALTER TABLE parcels_extras DROP CONSTRAINT parcels_extras_pkey, ADD CONSTRAINT"
                        + " parcels_extras_pkey PRIMARY KEY (extras_position, extras_order_id, parcel_id);\n"
                        + "ALTER TABLE parcels ADD CONSTRAINT " + parcelsFk
                        + " FOREIGN KEY (line_position, line_order_id) REFERENCES order_lines;\n"
                        + "ALTER TABLE parcels_extras ADD CONSTRAINT " + extrasFk
                        + " FOREIGN KEY (extras_position, extras_order_id) REFERENCES order_lines;");
        cli.ok("upgrade", "head");
        assertThat(columns("order_lines_pkey")).isEqualTo("order_id, position");
        assertThat(cli.ok("check").out()).contains("No differences");

        // `retort test` compares the models with the schema the migrations build as `check` does.
        Cli.Result test = cli.run("test");
        assertThat(test.exitCode()).as(test.toString()).isZero();
    }

    @Test
    void aSchemaFilesKeyOrderIsStillCompared() {
        cli.write("retort.toml", "[models]\nschema_file = \"schema.sql\"\n"
                + "dev_url = \"" + TestPostgres.freshDatabase() + "?user=postgres\"\n");
        cli.write("schema.sql", """
                CREATE TABLE order_lines (order_id bigint NOT NULL, position integer NOT NULL,
                    PRIMARY KEY (order_id, position));
                """);
        cli.execute("CREATE TABLE order_lines (order_id bigint NOT NULL, position integer NOT NULL,"
                + " PRIMARY KEY (position, order_id))");

        Cli.Result check = cli.run("check");
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
        assertThat(check.out()).contains("order_lines_pkey");
    }

    /** The foreign key of {@code table} to {@code order_lines}. */
    private String foreignKey(String table) {
        return cli.column("SELECT conname FROM pg_constraint WHERE contype = 'f' AND conrelid = '" + table
                + "'::regclass AND confrelid = 'order_lines'::regclass").get(0);
    }
}
