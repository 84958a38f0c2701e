package dev.retort.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each table and column of Hibernate's DDL is traced to the entity and attribute that map it. */
class MappingOwnersTest {
    private EntityProject project;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        project = new EntityProject(dir);
    }

    @Test
    void aSingleTableHierarchyNamesTheSubclassThatDeclaresEachColumn() {
        project.entity("Vehicle", """
                @Entity @Inheritance(strategy = InheritanceType.SINGLE_TABLE)
                public abstract class Vehicle { @Id @GeneratedValue private Long id; private String plate; }
                """)
                .entity("Car", "@Entity public class Car extends Vehicle { private int seats; }\n");

        assertThat(project.load().owners()).containsEntry("vehicle", "com.example.Vehicle")
                .containsEntry("vehicle.id", "com.example.Vehicle.id")
                .containsEntry("vehicle.plate", "com.example.Vehicle.plate")
                .containsEntry("vehicle.seats", "com.example.Car.seats")
                .containsEntry("vehicle.dtype", "com.example.Vehicle (discriminator)");
    }

    @Test
    void embeddedAttributesAndCollectionsAreNamedByTheirPath() {
        project.entity("Address", "@Embeddable public class Address { private String street; }\n")
                .entity("Customer", """
                @Entity @Table(schema = "crm") public class Customer {
                    @Id @GeneratedValue private Long id;
                    @Embedded private Address home;
                    @ElementCollection private Set<String> tags;
                    @ManyToOne private Customer referrer;
                }
                """);

        // The collection table is not in the entity's schema: Hibernate puts it in the default one.
        assertThat(project.load().owners()).containsEntry("crm.customer", "com.example.Customer")
                .containsEntry("crm.customer.street", "com.example.Customer.home.street")
                .containsEntry("crm.customer.referrer_id", "com.example.Customer.referrer")
                .containsEntry("customer_tags", "com.example.Customer.tags")
                .containsEntry("customer_tags.tags", "com.example.Customer.tags")
                .containsEntry("customer_tags.customer_id", "com.example.Customer.tags");
    }

    @Test
    void indexesAndSequencesAreNamedByTheAnnotationsThatDeclareThem() {
        project.entity("Invoice", """
                @Entity @Table(schema = "billing", indexes = @Index(name = "invoice_number_idx", columnList = "number"))
                public class Invoice {
                    @Id @GeneratedValue(generator = "invoice_ids")
                    @SequenceGenerator(name = "invoice_ids", sequenceName = "invoice_numbers", schema = "billing")
                    private Long id;
                    private String number;
                }
                """)
                .entity("Receipt", "@Entity public class Receipt { @Id @GeneratedValue private Long id; }\n");

        JpaModel model = project.load();

        assertThat(model.owners())
                .containsEntry("billing.invoice_number_idx", "com.example.Invoice (@Index invoice_number_idx on number)")
                .containsEntry("billing.invoice_numbers", "com.example.Invoice.id (@SequenceGenerator \"invoice_ids\")")
                .containsEntry("receipt_seq", "com.example.Receipt.id (@GeneratedValue)")
                .containsEntry("schema billing", "com.example.Invoice (@Table schema billing)");
        assertThat(model.idSequences()).isEqualTo(Map.of("billing.invoice.id", "billing.invoice_numbers",
                "receipt.id", "receipt_seq"));
    }

    @Test
    void uniqueConstraintsAreNamedByTheirNameOrTheirColumns() {
        project.entity("Member", """
                @Entity @Table(schema = "crm", uniqueConstraints = {
                        @UniqueConstraint(name = "uk_member_email", columnNames = "email"),
                        @UniqueConstraint(columnNames = {"lastName", "first_name"})})
                public class Member {
                    @Id @GeneratedValue private Long id;
                    private String email;
                    private String firstName;
                    private String lastName;
                    @Column(unique = true) private String handle;
                    @ElementCollection @CollectionTable(uniqueConstraints = @UniqueConstraint(columnNames = "tags"))
                    private Set<String> tags;
                }
                """);

        assertThat(project.load().owners())
                .containsEntry("crm.uk_member_email", "com.example.Member (@UniqueConstraint uk_member_email on email)")
                .containsEntry("crm.member unique (last_name, first_name)",
                        "com.example.Member (@UniqueConstraint on last_name, first_name)")
                .containsEntry("member_tags unique (tags)", "com.example.Member.tags (@UniqueConstraint on tags)")
                // A unique column is named by its attribute, as the DDL declares it with the column.
                .noneSatisfy((key, owner) -> assertThat(key).contains("(handle)"));
    }
}
