package dev.retort.jpa;

/** One model that uses every mapping feature at once, for the tests that run the whole DDL. */
final class RichModel {
    private RichModel() {
    }

    static EntityProject write(EntityProject project) {
        return project
                .entity("Status", "public enum Status { ACTIVE, SUSPENDED, CLOSED }\n")
                .entity("Address", """
                        @Embeddable public class Address {
                            @Column(length = 120) private String street;
                            private String city;
                        }
                        """)
                .entity("Auditable", """
                        @MappedSuperclass public abstract class Auditable {
                            @Column(nullable = false) private java.time.Instant createdAt;
                        }
                        """)
                .entity("YesNo", """
                        @Converter public class YesNo implements AttributeConverter<Boolean, String> {
                            public String convertToDatabaseColumn(Boolean b) { return b == null ? null : b ? "Y" : "N"; }
                            public Boolean convertToEntityAttribute(String s) { return s == null ? null : s.equals("Y"); }
                        }
                        """)
                .entity("User", """
                        @Entity @Table(name = "users", indexes = @Index(name = "idx_users_email", columnList = "email"))
                        @Comment("People who can sign in; they're also customers")
                        public class User extends Auditable {
                            @Id @GeneratedValue(strategy = GenerationType.IDENTITY) private Long id;
                            @Column(nullable = false, unique = true) private String email;
                            @Column(length = 20) private String phoneNumber;
                            @Enumerated(EnumType.STRING) private Status status;
                            @Enumerated private Status previousStatus;
                            @JdbcTypeCode(SqlTypes.NAMED_ENUM) private Status nativeStatus;
                            @Embedded private Address address;
                            @ElementCollection private Set<String> roles;
                            @Convert(converter = YesNo.class) @Column(length = 1) private Boolean newsletter;
                            @Comment("Shown on the profile") private String displayName;
                        }
                        """)
                .entity("Vehicle", """
                        @Entity @Inheritance(strategy = InheritanceType.SINGLE_TABLE)
                        public abstract class Vehicle {
                            @Id @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "vehicle_gen")
                            @SequenceGenerator(name = "vehicle_gen", sequenceName = "vehicle_ids", allocationSize = 20)
                            private Long id;
                            @ManyToOne private User owner;
                        }
                        """)
                .entity("Car", "@Entity public class Car extends Vehicle { private int seats; }\n")
                .entity("Payment", """
                        @Entity @Inheritance(strategy = InheritanceType.JOINED)
                        public class Payment {
                            @Id @GeneratedValue private Long id;
                            @Column(precision = 12, scale = 2, nullable = false) private BigDecimal amount;
                        }
                        """)
                .entity("CardPayment", "@Entity public class CardPayment extends Payment { private String cardNumber; }\n")
                .entity("Document", """
                        @Entity @Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
                        public abstract class Document { @Id @GeneratedValue(strategy = GenerationType.SEQUENCE) private Long id; }
                        """)
                .entity("Invoice", "@Entity public class Invoice extends Document { @Column(columnDefinition = \"jsonb\") private String lines; }\n")
                .entity("Item", """
                        @Entity
                        @Table(name = "items", schema = "inventory",
                            uniqueConstraints = @UniqueConstraint(name = "uk_items_code", columnNames = "code"))
                        public class Item {
                            @Id @GeneratedValue private Long id;
                            private String code;
                            @ManyToMany private Set<User> watchers;
                        }
                        """);
    }
}
