package dev.retort.jpa;

import static dev.retort.jpa.EntityProject.statement;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables come out in the column order Hibernate's own {@code ddl-auto=create} gives them: its standard column
 * ordering strategy puts smaller columns first, then orders by name, in the table, in a composite primary key and,
 * to match, in the foreign keys that reference it. The mapping's order would be {@code (order_id, position)}.
 */
class ColumnOrderTest {
    private JpaModel model;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        model = new EntityProject(dir)
                .entity("OrderLineId", """
                        public class OrderLineId implements java.io.Serializable {
                            Long orderId;
                            Integer position;
                            @Override public boolean equals(Object o) { return o == this; }
                            @Override public int hashCode() { return 0; }
                        }
                        """)
                .entity("OrderLine", """
                        @Entity @Table(name = "order_lines") @IdClass(OrderLineId.class) public class OrderLine {
                            @Id private Long orderId;
                            @Id private Integer position;
                            private String note;
                        }
                        """)
                .entity("ParcelKey", """
                        @Embeddable public class ParcelKey implements java.io.Serializable {
                            Long shipmentId;
                            Short parcelNo;
                            @Override public boolean equals(Object o) { return o == this; }
                            @Override public int hashCode() { return 0; }
                        }
                        """)
                .entity("Parcel", """
                        @Entity @Table(name = "parcels") public class Parcel {
                            @EmbeddedId private ParcelKey key;
                            @ManyToOne @JoinColumns({
                                @JoinColumn(name = "line_order_id", referencedColumnName = "orderId"),
                                @JoinColumn(name = "line_position", referencedColumnName = "position")})
                            private OrderLine line;
                            @ManyToMany private Set<OrderLine> extras;
                        }
                        """)
                .load();
    }

    @Test
    void anIdClassKeyIsOrderedAsHibernateCreatesIt() {
        assertThat(statement(model, "create table order_lines (")).isEqualTo("create table order_lines ("
                + "position integer not null, order_id bigint not null, note varchar(255), "
                + "primary key (position, order_id))");
    }

    @Test
    void anEmbeddedIdKeyIsOrderedAsHibernateCreatesIt() {
        assertThat(statement(model, "create table parcels (")).startsWith("create table parcels ("
                + "line_position integer, parcel_no smallint not null, line_order_id bigint, ")
                .endsWith("primary key (parcel_no, shipment_id))");
    }

    @Test
    void aForeignKeyToACompositeKeyFollowsItsOrder() {
        assertThat(model.statements()).anyMatch(s -> s.startsWith("alter table if exists parcels add constraint ")
                && s.endsWith("foreign key (line_position, line_order_id) references order_lines"));
    }

    @Test
    void aJoinTableKeyIsOrderedAsHibernateCreatesIt() {
        assertThat(statement(model, "create table parcels_extras (")).endsWith("primary key (extras_position, "
                + "parcel_parcel_no, extras_order_id, parcel_shipment_id))");
    }
}
