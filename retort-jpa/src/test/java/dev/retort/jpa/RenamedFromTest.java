package dev.retort.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.jpa.JpaSettings.Naming;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code @RenamedFrom} on entities and fields becomes rename hints named through Hibernate's metadata. */
class RenamedFromTest {
    private EntityProject project;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        project = new EntityProject(dir);
    }

    @Test
    void aRenamedEntityRenamesItsTableUnderEitherNaming() {
        project.entity("CustomerAccount", """
                @Entity @RenamedFrom("ClientAccount")
                public class CustomerAccount { @Id @GeneratedValue private Long id; }
                """);

        assertThat(project.load(Naming.SNAKE_CASE).tableRenames()).isEqualTo(Map.of("customer_account", "client_account"));
        // Unquoted, as Hibernate writes them under naming = "jpa": PostgreSQL folds both to lower case.
        assertThat(project.load(Naming.JPA).tableRenames()).isEqualTo(Map.of("customeraccount", "clientaccount"));
    }

    @Test
    void withAnExplicitTableNameTheValueIsTheOldTableAsWritten() {
        project.entity("Customer", """
                @Entity @Table(name = "customers") @RenamedFrom("legacyClients")
                public class Customer { @Id @GeneratedValue private Long id; }
                """);

        assertThat(project.load(Naming.SNAKE_CASE).tableRenames()).isEqualTo(Map.of("customers", "legacyclients"));
        assertThat(project.load(Naming.JPA).tableRenames()).isEqualTo(Map.of("customers", "legacyclients"));
    }

    @Test
    void theCollectionTablesAndJoinColumnsNamedAfterTheEntityFollowItsOldName() {
        project.entity("Tag", "@Entity public class Tag { @Id @GeneratedValue private Long id; }\n")
                .entity("Writer", """
                        @Entity @Table(name = "authors") @RenamedFrom("Author")
                        public class Writer {
                            @Id @GeneratedValue private Long id;
                            @ElementCollection private Set<String> aliases;
                            @ManyToMany private Set<Tag> tags;
                        }
                        """);
        JpaModel model = project.load();

        assertThat(model.tableRenames()).containsEntry("writer_aliases", "author_aliases");
        assertThat(model.columnRenames()).isEqualTo(Map.of("writer_aliases.writer_id", "author_id",
                "authors_tags.writer_id", "author_id"));
    }

    @Test
    void tablesOutsideTheDefaultSchemaAreQualified() {
        project.entity("Item", """
                @Entity @Table(name = "items", schema = "inventory") @RenamedFrom("products")
                public class Item {
                    @Id @GeneratedValue private Long id;
                    @RenamedFrom("label") private String title;
                }
                """);
        JpaModel model = project.load();

        assertThat(model.tableRenames()).isEqualTo(Map.of("inventory.items", "inventory.products"));
        assertThat(model.columnRenames()).isEqualTo(Map.of("inventory.items.title", "label"));
    }

    @Test
    void aRenamedFieldRenamesItsColumnUnderEitherNaming() {
        project.entity("User", """
                @Entity @Table(name = "users")
                public class User {
                    @Id @GeneratedValue private Long id;
                    @RenamedFrom("mobileNumber") @Column(length = 20) private String phoneNumber;
                    @RenamedFrom("mail") private String email;
                }
                """);

        assertThat(project.load(Naming.SNAKE_CASE).columnRenames())
                .isEqualTo(Map.of("users.phone_number", "mobile_number", "users.email", "mail"));
        assertThat(project.load(Naming.JPA).columnRenames())
                .isEqualTo(Map.of("users.phonenumber", "mobilenumber", "users.email", "mail"));
    }

    @Test
    void quotedNamesKeepTheirCaseAndLoseTheirQuotes() {
        project.entity("Account", """
                @Entity @Table(name = "\\"Account\\"", schema = "\\"Billing\\"") @RenamedFrom("`UserAccount`")
                public class Account {
                    @Id @GeneratedValue private Long id;
                    @RenamedFrom("\\"DisplayName\\"") @Column(name = "\\"ScreenName\\"") private String screenName;
                    @RenamedFrom("mail") @Column(name = "\\"Email\\"") private String email;
                }
                """);
        JpaModel model = project.load(Naming.JPA);

        assertThat(model.tableRenames()).isEqualTo(Map.of("Billing.Account", "Billing.UserAccount"));
        assertThat(model.columnRenames())
                .isEqualTo(Map.of("Billing.Account.ScreenName", "DisplayName", "Billing.Account.Email", "mail"));
    }

    @Test
    void globallyQuotedNamesAreQuotedOnTheOldSideToo() {
        project.entity("PurchaseOrder", """
                @Entity @RenamedFrom("Order")
                public class PurchaseOrder {
                    @Id @GeneratedValue private Long id;
                    @RenamedFrom("customerName") private String clientName;
                    @ElementCollection private List<String> noteLines;
                }
                """);
        JpaModel model = project.load(Naming.JPA, Map.of("hibernate.globally_quoted_identifiers", "true"));

        // Hibernate created "Order", "Order_noteLines" and "customerName" quoted, so PostgreSQL kept their case.
        assertThat(model.tableRenames())
                .isEqualTo(Map.of("PurchaseOrder", "Order", "PurchaseOrder_noteLines", "Order_noteLines"));
        assertThat(model.columnRenames()).isEqualTo(Map.of("PurchaseOrder.clientName", "customerName",
                "PurchaseOrder_noteLines.PurchaseOrder_id", "Order_id"));
    }

    @Test
    void theNewColumnIsTheMappedOneEvenWhenNamedExplicitly() {
        project.entity("User", """
                @Entity @Table(name = "users")
                public class User {
                    @Id @GeneratedValue private Long id;
                    @RenamedFrom("phone") @Column(name = "tel_no") private String phoneNumber;
                }
                """);

        assertThat(project.load().columnRenames()).isEqualTo(Map.of("users.tel_no", "phone"));
    }

    @Test
    void gettersFieldsOfSuperclassesAndEmbeddablesAreFollowed() {
        project.entity("Base", """
                @MappedSuperclass public abstract class Base {
                    @Id @GeneratedValue private Long id;
                    @RenamedFrom("created") private java.time.Instant createdAt;
                }
                """)
                .entity("Address", """
                        @Embeddable public class Address { @RenamedFrom("town") private String city; }
                        """)
                .entity("Shop", """
                        @Entity public class Shop extends Base {
                            @Embedded private Address address;
                        }
                        """)
                .entity("Vendor", """
                        @Entity @Access(AccessType.PROPERTY) public class Vendor {
                            private Long id;
                            private String tradingName;
                            @Id @GeneratedValue public Long getId() { return id; }
                            public void setId(Long id) { this.id = id; }
                            @RenamedFrom("companyName") public String getTradingName() { return tradingName; }
                            public void setTradingName(String name) { this.tradingName = name; }
                        }
                        """);

        assertThat(project.load().columnRenames()).isEqualTo(Map.of(
                "shop.created_at", "created", "shop.city", "town", "vendor.trading_name", "company_name"));
    }

    @Test
    void aRenamedAssociationKeepsItsJoinColumnSuffix() {
        project.entity("Person", "@Entity public class Person { @Id @GeneratedValue private Long id; }\n")
                .entity("Post", """
                        @Entity public class Post {
                            @Id @GeneratedValue private Long id;
                            @RenamedFrom("author") @ManyToOne private Person writer;
                            @RenamedFrom("editor_id") @ManyToOne private Person reviewer;
                        }
                        """);

        assertThat(project.load().columnRenames())
                .isEqualTo(Map.of("post.writer_id", "author_id", "post.reviewer_id", "editor_id"));
    }

    @Test
    void whatCannotBeRenamedInPlaceIsAWarningNotAHint() {
        project.entity("Vehicle", """
                @Entity @Inheritance(strategy = InheritanceType.SINGLE_TABLE)
                public class Vehicle {
                    @Id @GeneratedValue private Long id;
                    @RenamedFrom("labels") @OneToMany @JoinColumn(name = "vehicle_id") private Set<Part> parts;
                }
                """)
                .entity("Part", "@Entity public class Part { @Id @GeneratedValue private Long id; }\n")
                .entity("Car", """
                        @Entity @RenamedFrom("Automobile") public class Car extends Vehicle {
                            @RenamedFrom("doors") private int seats;
                            @ElementCollection private Set<String> features;
                        }
                        """);
        JpaModel model = project.load();

        // The subclass's table is its root's; its collection table is its own, and follows it.
        assertThat(model.tableRenames()).isEqualTo(Map.of("car_features", "automobile_features"));
        assertThat(model.columnRenames())
                .isEqualTo(Map.of("vehicle.seats", "doors", "car_features.car_id", "automobile_id"));
        assertThat(model.warnings()).containsExactlyInAnyOrder(
                "@RenamedFrom on com.example.Car leaves table vehicle as it is: with SINGLE_TABLE inheritance that "
                        + "is its root entity's table (rename it there); only the tables named after Car follow it.",
                "@RenamedFrom on com.example.Car: its rows keep discriminator value 'Automobile' in vehicle.dtype, "
                        + "which Hibernate no longer reads as Car; set @DiscriminatorValue(\"Automobile\"), or add "
                        + "op.execute(\"UPDATE vehicle SET dtype = 'Car' WHERE dtype = 'Automobile'\") to the "
                        + "migration and the reverse to its downgrade (when autogenerate writes none, as nothing else "
                        + "changed, `retort revision -m MESSAGE` writes an empty one to add it to).",
                "@RenamedFrom on com.example.Vehicle.parts is ignored: its table part is not named after it; rename "
                        + "what changes in the generated migration by hand.");
    }

    @Test
    void aRenamedCollectionRenamesItsTableAndTheColumnsNamedAfterIt() {
        project.entity("Tag", "@Entity public class Tag { @Id @GeneratedValue private Long id; }\n")
                .entity("Vehicle", """
                        @Entity public class Vehicle {
                            @Id @GeneratedValue private Long id;
                            @RenamedFrom("labels") @ElementCollection @OrderColumn private List<String> tags;
                            @RenamedFrom("marks") @ManyToMany private Set<Tag> badges;
                        }
                        """);
        JpaModel model = project.load();

        // Spring Boot names the join table after the attribute too.
        assertThat(model.tableRenames()).isEqualTo(Map.of("vehicle_tags", "vehicle_labels",
                "vehicle_badges", "vehicle_marks"));
        assertThat(model.columnRenames()).isEqualTo(Map.of("vehicle_tags.tags", "labels",
                "vehicle_tags.tags_order", "labels_order", "vehicle_badges.badges_id", "marks_id"));
        assertThat(model.warnings()).isEmpty();
    }

    @Test
    void aRenamedManyToManyRenamesItsJoinTableOnlyWhereTheNamingNamesItAfterTheAttribute() {
        project.entity("Tag", """
                        @Entity @Table(name = "tags") public class Tag { @Id @GeneratedValue private Long id; }
                        """)
                .entity("Vehicle", """
                        @Entity @Table(name = "vehicles") public class Vehicle {
                            @Id @GeneratedValue private Long id;
                            @RenamedFrom("marks") @ManyToMany private Set<Tag> badges;
                        }
                        """);

        // Spring Boot's join table is named after the owning table and the attribute.
        JpaModel snakeCase = project.load(Naming.SNAKE_CASE);
        assertThat(snakeCase.tableRenames()).isEqualTo(Map.of("vehicles_badges", "vehicles_marks"));
        assertThat(snakeCase.columnRenames()).isEqualTo(Map.of("vehicles_badges.badges_id", "marks_id"));
        // JPA's is named after both tables: only the column named after the attribute changes.
        JpaModel jpa = project.load(Naming.JPA);
        assertThat(jpa.tableRenames()).isEmpty();
        assertThat(jpa.columnRenames()).isEqualTo(Map.of("vehicles_tags.badges_id", "marks_id"));
        assertThat(snakeCase.warnings()).isEmpty();
        assertThat(jpa.warnings()).isEmpty();
    }

    @Test
    void aRenamedCollectionWithANamedTableIsRenamedFromTheTableNamedAfterItsOldName() {
        project.entity("Vehicle", """
                @Entity public class Vehicle {
                    @Id @GeneratedValue private Long id;
                    @RenamedFrom("labels") @ElementCollection @CollectionTable(name = "vehicle_labels")
                    @OrderColumn private List<String> tags;
                    @RenamedFrom("notes") @ElementCollection @CollectionTable(name = "vehicle_remark_set")
                    @Column(name = "remark") private Set<String> remarks;
                }
                """);
        JpaModel model = project.load();

        // A table that keeps the old attribute's name is not renamed, nor is a column named explicitly.
        assertThat(model.tableRenames()).isEqualTo(Map.of("vehicle_remark_set", "vehicle_notes"));
        assertThat(model.columnRenames()).isEqualTo(Map.of("vehicle_labels.tags", "labels",
                "vehicle_labels.tags_order", "labels_order"));
        assertThat(model.warnings()).isEmpty();
    }

    @Test
    void aRenamedCollectionInsideAnEmbeddableIsNamedAfterTheEntityAndRenamedAlike() {
        project.entity("Tag", "@Entity public class Tag { @Id @GeneratedValue private Long id; }\n")
                .entity("Profile", """
                        @Embeddable public class Profile {
                            @RenamedFrom("labels") @ElementCollection @OrderColumn private List<String> tags;
                            @RenamedFrom("marks") @ManyToMany private Set<Tag> badges;
                        }
                        """)
                .entity("Vehicle", """
                        @Entity public class Vehicle {
                            @Id @GeneratedValue private Long id;
                            @Embedded private Profile profile;
                        }
                        """);
        JpaModel model = project.load();

        // Spring Boot names the join table after the attribute too.
        assertThat(model.tableRenames()).isEqualTo(Map.of("vehicle_tags", "vehicle_labels",
                "vehicle_badges", "vehicle_marks"));
        assertThat(model.columnRenames()).isEqualTo(Map.of("vehicle_tags.tags", "labels",
                "vehicle_tags.tags_order", "labels_order", "vehicle_badges.badges_id", "marks_id"));
        assertThat(model.warnings()).isEmpty();
    }

    @Test
    void aWarningAboutAnEmbeddableUsedTwiceNamesTheUseFromTheEntity() {
        project.entity("Part", "@Entity public class Part { @Id @GeneratedValue private Long id; }\n")
                .entity("Profile", """
                        @Embeddable public class Profile {
                            @RenamedFrom("labels") @ElementCollection private Set<String> tags;
                            @RenamedFrom("pieces") @OneToMany @JoinColumn private Set<Part> parts;
                        }
                        """)
                .entity("Vehicle", """
                        @Entity public class Vehicle {
                            @Id @GeneratedValue private Long id;
                            @Embedded private Profile front;
                            @Embedded
                            @AssociationOverride(name = "tags", joinTable = @JoinTable(name = "vehicle_rear_tags"))
                            @AssociationOverride(name = "parts", joinColumns = @JoinColumn(name = "rear_id"))
                            private Profile back;
                        }
                        """);
        JpaModel model = project.load();

        assertThat(model.tableRenames()).isEqualTo(Map.of("vehicle_tags", "vehicle_labels"));
        assertThat(model.warnings()).containsExactlyInAnyOrder(
                "@RenamedFrom on com.example.Vehicle.back.tags is ignored: its table vehicle_rear_tags is not named "
                        + "after it; rename what changes in the generated migration by hand.",
                "@RenamedFrom on com.example.Vehicle.front.parts is ignored: its table part is not named after it; "
                        + "rename what changes in the generated migration by hand.",
                "@RenamedFrom on com.example.Vehicle.back.parts is ignored: its table part is not named after it; "
                        + "rename what changes in the generated migration by hand.");
    }

    @Test
    void theFieldsOfAnElementCollectionsEmbeddableRenameColumnsOfItsTable() {
        project.entity("Phone", """
                        @Embeddable public class Phone {
                            @RenamedFrom("num") private String number;
                            @Embedded private Extension extension;
                        }
                        """)
                .entity("Extension", "@Embeddable public class Extension { @RenamedFrom(\"ext\") private String digits; }\n")
                .entity("Vehicle", """
                        @Entity public class Vehicle {
                            @Id @GeneratedValue private Long id;
                            @ElementCollection private Set<Phone> phones;
                        }
                        """);
        JpaModel model = project.load();

        assertThat(model.columnRenames()).isEqualTo(Map.of("vehicle_phones.number", "num",
                "vehicle_phones.digits", "ext"));
        assertThat(model.warnings()).isEmpty();
    }

    @Test
    void anEntityAndItsCollectionRenamedAtOnceNameTheOldTableAfterBoth() {
        project.entity("Vehicle", """
                @Entity @RenamedFrom("Car") public class Vehicle {
                    @Id @GeneratedValue private Long id;
                    @RenamedFrom("labels") @ElementCollection private Set<String> tags;
                }
                """);
        JpaModel model = project.load();

        assertThat(model.tableRenames()).isEqualTo(Map.of("vehicle", "car", "vehicle_tags", "car_labels"));
        assertThat(model.columnRenames()).isEqualTo(Map.of("vehicle_tags.tags", "labels",
                "vehicle_tags.vehicle_id", "car_id"));
        assertThat(model.warnings()).isEmpty();
    }

    @Test
    void namesOverSixtyThreeBytesAreTheOnesPostgresKeepsDerivedBeforeTheyAreCut() {
        project.entity("LongEntityNameForTests", """
                @Entity @RenamedFrom("LongEntityNameForTestingPurposes")
                public class LongEntityNameForTests {
                    @Id @GeneratedValue private Long id;
                    @ElementCollection private Set<String> someVeryLongCollectionAttributeNameHere;
                    @RenamedFrom("anOldColumnNameThatIsAlsoLongEnoughToBeCutByPostgresql")
                    private String aNewColumnNameThatIsLongerThanSixtyThreeBytesAndSoCutByPostgresql;
                }
                """);
        JpaModel model = project.load();

        // Cut after deriving: the old table's name keeps more of the attribute than the new one's, whose stem is
        // longer.
        assertThat(model.tableRenames()).isEqualTo(Map.of(
                "long_entity_name_for_tests", "long_entity_name_for_testing_purposes",
                "long_entity_name_for_tests_some_very_long_collection_attribute_",
                "long_entity_name_for_testing_purposes_some_very_long_collection"));
        assertThat(model.columnRenames()).isEqualTo(Map.of(
                "long_entity_name_for_tests.a_new_column_name_that_is_longer_than_sixty_three_bytes_and_so_",
                "an_old_column_name_that_is_also_long_enough_to_be_cut_by_postgr",
                "long_entity_name_for_tests_some_very_long_collection_attribute_.long_entity_name_for_tests_id",
                "long_entity_name_for_testing_purposes_id"));
    }

    @Test
    void namesThatDifferOnlyPastSixtyThreeBytesAreNoRename() {
        project.entity("Gauge", """
                @Entity public class Gauge {
                    @Id @GeneratedValue private Long id;
                    @RenamedFrom("readingTakenAtTheStartOfTheShiftByTheOperatorOnDutyInTheMorning")
                    private String readingTakenAtTheStartOfTheShiftByTheOperatorOnDutyInTheEvening;
                }
                """);

        assertThat(project.load().columnRenames()).isEmpty();
    }
}
