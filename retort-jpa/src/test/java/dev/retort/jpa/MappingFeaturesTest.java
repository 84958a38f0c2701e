package dev.retort.jpa;

import static dev.retort.jpa.EntityProject.statement;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each JPA and Hibernate mapping feature comes out as the DDL Hibernate writes for it. */
class MappingFeaturesTest {
    private EntityProject project;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        project = new EntityProject(dir);
    }

    @Test
    void singleTableInheritancePutsTheWholeHierarchyInOneTableWithADiscriminator() {
        project.entity("Vehicle", """
                @Entity @Inheritance(strategy = InheritanceType.SINGLE_TABLE)
                public abstract class Vehicle { @Id @GeneratedValue private Long id; private String plate; }
                """)
                .entity("Car", "@Entity public class Car extends Vehicle { private int seats; }\n")
                .entity("Truck", "@Entity public class Truck extends Vehicle { private double payload; }\n");
        JpaModel model = project.load();

        assertThat(statement(model, "create table vehicle ("))
                .contains("dtype varchar(31) not null", "plate varchar(255)", "seats integer", "payload float(53)");
        assertThat(model.ddl()).doesNotContain("create table car", "create table truck");
    }

    @Test
    void joinedInheritanceGivesEachSubclassATableKeyedToItsParent() {
        project.entity("Payment", """
                @Entity @Inheritance(strategy = InheritanceType.JOINED)
                public class Payment { @Id @GeneratedValue private Long id; private BigDecimal amount; }
                """)
                .entity("CardPayment", "@Entity public class CardPayment extends Payment { private String cardNumber; }\n");
        JpaModel model = project.load();

        assertThat(statement(model, "create table payment (")).contains("amount numeric(38,2)");
        assertThat(statement(model, "create table card_payment ("))
                .contains("card_number varchar(255)", "id bigint not null", "primary key (id)")
                .doesNotContain("amount");
        assertThat(statement(model, "alter table if exists card_payment add constraint"))
                .endsWith("foreign key (id) references payment");
    }

    @Test
    void tablePerClassInheritanceCopiesInheritedColumnsIntoEachConcreteTable() {
        project.entity("Animal", """
                @Entity @Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
                public abstract class Animal {
                    @Id @GeneratedValue(strategy = GenerationType.SEQUENCE) private Long id;
                    private String name;
                }
                """)
                .entity("Dog", "@Entity public class Dog extends Animal { private boolean barks; }\n")
                .entity("Cat", "@Entity public class Cat extends Animal { private int lives; }\n");
        JpaModel model = project.load();

        assertThat(statement(model, "create table dog (")).contains("id bigint not null", "name varchar(255)",
                "barks boolean not null");
        assertThat(statement(model, "create table cat (")).contains("name varchar(255)", "lives integer not null");
        assertThat(model.ddl()).doesNotContain("create table animal").contains("create sequence animal_seq");
    }

    @Test
    void tablePerClassSubclassesDrawTheirIdsFromTheRootsSequence() {
        project.entity("Animal", """
                @Entity @Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
                public abstract class Animal {
                    @Id @GeneratedValue(strategy = GenerationType.SEQUENCE) private Long id;
                }
                """)
                .entity("Dog", "@Entity public class Dog extends Animal { private boolean barks; }\n")
                .entity("Cat", "@Entity public class Cat extends Animal { private int lives; }\n");

        // Autogenerate moves a new sequence past the ids of each table it numbers: these are the concrete ones.
        assertThat(project.load().idSequences()).containsEntry("dog.id", "animal_seq")
                .containsEntry("cat.id", "animal_seq");
    }

    @Test
    void embeddedValuesBecomeColumnsOfTheOwnerWithOverridesApplied() {
        project.entity("Address", "@Embeddable public class Address { private String street; private String postCode; }\n")
                .entity("Customer", """
                @Entity public class Customer {
                    @Id @GeneratedValue private Long id;
                    @Embedded private Address home;
                    @Embedded
                    @AttributeOverride(name = "street", column = @Column(name = "billing_street", length = 80))
                    @AttributeOverride(name = "postCode", column = @Column(name = "billing_post_code"))
                    private Address billing;
                }
                """);

        assertThat(statement(project.load(), "create table customer (")).contains("street varchar(255)",
                "post_code varchar(255)", "billing_street varchar(80)", "billing_post_code varchar(255)");
    }

    @Test
    void elementCollectionsGetACollectionTableWithAForeignKeyToTheOwner() {
        project.entity("Article", """
                @Entity public class Article {
                    @Id @GeneratedValue private Long id;
                    @ElementCollection private Set<String> tags;
                    @ElementCollection @CollectionTable(name = "article_ratings") @Column(name = "stars") private List<Integer> ratings;
                }
                """);
        JpaModel model = project.load();

        assertThat(statement(model, "create table article_tags (")).contains("article_id bigint not null",
                "tags varchar(255)");
        assertThat(statement(model, "create table article_ratings (")).contains("stars integer");
        assertThat(statement(model, "alter table if exists article_tags add constraint"))
                .endsWith("foreign key (article_id) references article");
    }

    @Test
    void manyToManyGetsAJoinTableWithACompositePrimaryKey() {
        project.entity("Student", """
                @Entity public class Student {
                    @Id @GeneratedValue private Long id;
                    @ManyToMany private Set<Course> courses;
                    @ManyToMany @JoinTable(name = "mentors", joinColumns = @JoinColumn(name = "student_id"),
                        inverseJoinColumns = @JoinColumn(name = "mentor_id")) private Set<Student> mentors;
                }
                """)
                .entity("Course", """
                @Entity public class Course {
                    @Id @GeneratedValue private Long id;
                    @ManyToMany(mappedBy = "courses") private Set<Student> students;
                }
                """);
        JpaModel model = project.load();

        // Spring Boot's default join table name: owning table, underscore, attribute. The key's columns are in the
        // order of Hibernate's column ordering strategy (same size: by name).
        assertThat(statement(model, "create table student_courses (")).contains("students_id bigint not null",
                "courses_id bigint not null", "primary key (courses_id, students_id)");
        assertThat(statement(model, "create table mentors (")).contains("student_id bigint not null",
                "mentor_id bigint not null", "primary key (mentor_id, student_id)");
        assertThat(model.ddl()).doesNotContain("create table course_students");
    }

    @Test
    void sequenceGeneratorsCreateTheirSequences() {
        project.entity("Invoice", """
                @Entity public class Invoice {
                    @Id @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "invoice_gen")
                    @SequenceGenerator(name = "invoice_gen", sequenceName = "invoice_numbers", initialValue = 1000, allocationSize = 10)
                    private Long id;
                }
                """)
                .entity("Receipt", """
                @Entity public class Receipt { @Id @GeneratedValue(strategy = GenerationType.SEQUENCE) private Long id; }
                """);
        JpaModel model = project.load();

        assertThat(model.statements()).contains("create sequence invoice_numbers start with 1000 increment by 10",
                "create sequence receipt_seq start with 1 increment by 50");
        assertThat(statement(model, "create table invoice (")).contains("id bigint not null")
                .doesNotContain("identity");
    }

    @Test
    void aGeneratorDeclaredOnThePackageIsTheOneItsEntitiesUse() {
        // Unregistered, the package's generator is unknown and Hibernate takes its name for a sequence's: gen.
        // (JPA 3.1, which Hibernate 6 implements, allows no @SequenceGenerator on a package; Hibernate's own does.)
        project.write("com/example/package-info.java", """
                        @GenericGenerator(name = "gen", type = SequenceStyleGenerator.class, parameters = {
                                @Parameter(name = "sequence_name", value = "s1"),
                                @Parameter(name = "increment_size", value = "1")})
                        package com.example;

                        import org.hibernate.annotations.GenericGenerator;
                        import org.hibernate.annotations.Parameter;
                        import org.hibernate.id.enhanced.SequenceStyleGenerator;
                        """)
                .entity("Ticket", """
                        @Entity public class Ticket { @Id @GeneratedValue(generator = "gen") private Long id; }
                        """);

        JpaModel model = project.load();

        assertThat(model.statements()).contains("create sequence s1 start with 1 increment by 1")
                .noneSatisfy(s -> assertThat(s).contains("sequence gen "));
        assertThat(model.idSequences()).containsEntry("ticket.id", "s1");
    }

    @Test
    void identityColumnsAreGeneratedByDefault() {
        project.entity("Tag", """
                @Entity public class Tag { @Id @GeneratedValue(strategy = GenerationType.IDENTITY) private Integer id; }
                """);
        JpaModel model = project.load();

        assertThat(statement(model, "create table tag (")).contains("id integer generated by default as identity");
        assertThat(model.ddl()).doesNotContain("create sequence");
    }

    @Test
    void enumsGetCheckConstraintsOrANamedPostgresEnumType() {
        project.entity("Status", "public enum Status { ACTIVE, SUSPENDED, CLOSED }\n")
                .entity("Account", """
                @Entity public class Account {
                    @Id @GeneratedValue private Long id;
                    @Enumerated(EnumType.ORDINAL) private Status byOrdinal;
                    @Enumerated(EnumType.STRING) private Status byName;
                    @Enumerated(EnumType.STRING) @JdbcTypeCode(SqlTypes.NAMED_ENUM) private Status native_;
                }
                """);
        JpaModel model = project.load();

        assertThat(model.statements()).contains("create type Status as enum ('ACTIVE','CLOSED','SUSPENDED')");
        assertThat(statement(model, "create table account (")).contains(
                "by_ordinal smallint check (by_ordinal between 0 and 2)",
                "by_name varchar(255) check (by_name in ('ACTIVE','SUSPENDED','CLOSED'))",
                "native_ Status");
        // The constants in declaration order, which the schema does not say of the ordinals: a migration between
        // ordinals and names needs them.
        assertThat(model.enumConstants()).containsOnlyKeys("account.by_ordinal", "account.by_name", "account.native_")
                .containsEntry("account.by_ordinal", List.of("ACTIVE", "SUSPENDED", "CLOSED"));
    }

    /**
     * Two subclasses of one table that map a column each to an enum of their own: the table keeps one attribute's
     * value, and its constants would turn the other subclass's ordinals into names of the wrong enum.
     */
    @Test
    void aColumnThatSubclassesMapToTwoEnumsHasNoConstants() {
        project.entity("Mood", "public enum Mood { HAPPY, SAD }\n")
                .entity("CatMood", "public enum CatMood { GRUMPY, SLEEPY, HUNGRY }\n")
                .entity("Animal", """
                @Entity @Inheritance(strategy = InheritanceType.SINGLE_TABLE)
                public abstract class Animal { @Id @GeneratedValue private Long id; }
                """)
                .entity("Dog", "@Entity public class Dog extends Animal { @Enumerated(EnumType.ORDINAL) Mood mood; "
                        + "@Enumerated(EnumType.ORDINAL) Mood tail; }\n")
                .entity("Cat", "@Entity public class Cat extends Animal { @Enumerated(EnumType.ORDINAL) CatMood mood; "
                        + "@Enumerated(EnumType.ORDINAL) Mood tail; }\n");

        // The same enum in both is no doubt: tail keeps its constants.
        assertThat(project.load().enumConstants()).containsOnlyKeys("animal.tail");
    }

    @Test
    void anEnumBehindAnAttributeConverterHasNoConstants() {
        project.entity("Status", "public enum Status { ACTIVE, CLOSED }\n")
                .entity("StatusCode", """
                @Converter public class StatusCode implements AttributeConverter<Status, String> {
                    public String convertToDatabaseColumn(Status s) { return s.name().toLowerCase(); }
                    public Status convertToEntityAttribute(String c) { return Status.valueOf(c.toUpperCase()); }
                }
                """)
                .entity("Account", """
                @Entity public class Account {
                    @Id @GeneratedValue private Long id;
                    @Convert(converter = StatusCode.class) private Status status;
                }
                """);

        assertThat(project.load().enumConstants()).isEmpty();
    }

    @Test
    void columnAttributesShapeTheColumnDefinitions() {
        project.entity("Product", """
                @Entity public class Product {
                    @Id @GeneratedValue private Long id;
                    @Column(length = 40) private String sku;
                    @Column(precision = 10, scale = 2) private BigDecimal price;
                    @Column(nullable = false) private String name;
                    @Column(unique = true) private String barcode;
                    @Column(columnDefinition = "jsonb") private String attributes;
                    @Column(name = "qty", columnDefinition = "integer default 0 not null") private int quantity;
                }
                """);

        assertThat(statement(project.load(), "create table product (")).contains("sku varchar(40)",
                "price numeric(10,2)", "name varchar(255) not null", "barcode varchar(255) unique",
                "attributes jsonb", "qty integer default 0 not null");
    }

    @Test
    void tableIndexesUniqueConstraintsAndSchemaAreCreated() {
        project.entity("Item", """
                @Entity
                @Table(name = "items", schema = "inventory",
                    indexes = {@Index(name = "idx_items_added", columnList = "addedAt DESC, shelf"),
                               @Index(name = "ux_items_code", columnList = "code", unique = true)},
                    uniqueConstraints = @UniqueConstraint(name = "uk_items_shelf_slot", columnNames = {"shelf", "slot"}))
                public class Item {
                    @Id @GeneratedValue private Long id;
                    private String code;
                    private String shelf;
                    private int slot;
                    private java.time.Instant addedAt;
                }
                """);
        JpaModel model = project.load();

        assertThat(model.statements()).contains("create schema inventory",
                "create index idx_items_added on inventory.items (added_at desc, shelf)");
        // Hibernate turns a unique @Index into a unique constraint of the table.
        assertThat(statement(model, "create table inventory.items (")).contains(
                "constraint uk_items_shelf_slot unique (shelf, slot)", "constraint ux_items_code unique (code)");
        assertThat(model.ddl().indexOf("create schema inventory"))
                .isLessThan(model.ddl().indexOf("create table inventory.items"));
    }

    @Test
    void commentsBecomeCommentStatementsWithQuotesEscaped() {
        project.entity("Machine", """
                @Entity @Comment("Machines on the shop floor")
                public class Machine {
                    @Id @GeneratedValue private Long id;
                    @Comment("Serial number as printed on the plate; it's unique per vendor") private String serial;
                }
                """);

        assertThat(project.load().statements()).contains("comment on table machine is 'Machines on the shop floor'",
                "comment on column machine.serial is 'Serial number as printed on the plate; it''s unique per vendor'");
    }

    @Test
    void autoApplyConvertersAmongTheSourcesAreApplied() {
        project.entity("Cents", "public record Cents(long value) { }\n")
                .entity("CentsConverter", """
                        @Converter(autoApply = true)
                        public class CentsConverter implements AttributeConverter<Cents, Long> {
                            public Long convertToDatabaseColumn(Cents c) { return c == null ? null : c.value(); }
                            public Cents convertToEntityAttribute(Long v) { return v == null ? null : new Cents(v); }
                        }
                        """)
                .entity("Price", "@Entity public class Price { @Id @GeneratedValue private Long id; private Cents amount; }\n");

        assertThat(statement(project.load(), "create table price (")).contains("amount bigint");
    }
}
