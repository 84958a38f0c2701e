import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a medium JPA model as an application has it: a shop of 28 entities (customers, orders, order lines,
 * products, categories, addresses, payments, shipments, reviews, coupons, inventory, suppliers...) with
 * {@code @ManyToOne}/{@code @OneToMany}, {@code @Embedded} values, {@code @Enumerated} enums, an
 * {@code @ElementCollection}, indexes, unique constraints and two sequence generators, in
 * {@code DIR/src/main/java/bench/shop}, one class a file, plus three enums and two embeddables.
 *
 * <p>Usage: {@code java bench/GenerateShop.java DIR [COLUMN]} — with {@code COLUMN}, {@code Customer} gets a
 * {@code String} field of that name (the benchmark's "one entity gained a column").
 */
public class GenerateShop {
    private static final String IMPORTS = """
            package bench.shop;

            import jakarta.persistence.*;
            import java.math.BigDecimal;
            import java.time.LocalDate;
            import java.time.OffsetDateTime;
            import java.util.*;

            """;
    private static final String ID = "    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) private Long id;\n";
    private static final String AUDIT = """
                @Column(name = "created_at", nullable = false) private OffsetDateTime createdAt;
                @Column(name = "updated_at") private OffsetDateTime updatedAt;
            """;

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]).resolve("src/main/java/bench/shop");
        Files.createDirectories(dir);
        String extra = args.length > 1 ? "    @Column(length = 40) private String " + args[1] + ";\n" : "";
        Map<String, String> files = new LinkedHashMap<>();
        files.put("OrderStatus", "public enum OrderStatus { NEW, PAID, SHIPPED, DELIVERED, CANCELLED, RETURNED }\n");
        files.put("PaymentMethod", "public enum PaymentMethod { CARD, TRANSFER, WALLET, GIFT_CARD }\n");
        files.put("ShipmentStatus", "public enum ShipmentStatus { PENDING, IN_TRANSIT, DELIVERED, LOST }\n");
        files.put("PostalAddress", """
                @Embeddable
                public class PostalAddress {
                    @Column(length = 120) private String street;
                    @Column(length = 60) private String city;
                    @Column(name = "postal_code", length = 12) private String postalCode;
                    @Column(length = 2) private String country;
                }
                """);
        files.put("Money", """
                @Embeddable
                public class Money {
                    @Column(precision = 12, scale = 2) private BigDecimal amount;
                    @Column(length = 3) private String currency;
                }
                """);
        files.put("Customer", entity("Customer", "customers",
                "uniqueConstraints = @UniqueConstraint(name = \"uq_customers_email\", columnNames = \"email\"), "
                        + "indexes = @Index(name = \"ix_customers_last_name\", columnList = \"last_name\")", """
                    @Column(nullable = false, length = 200) private String email;
                    @Column(name = "first_name", length = 80) private String firstName;
                    @Column(name = "last_name", nullable = false, length = 80) private String lastName;
                    @Column(name = "birth_date") private LocalDate birthDate;
                    @Column(nullable = false) private boolean active;
                    @Embedded private PostalAddress billing;
                    @ElementCollection @CollectionTable(name = "customer_phones",
                            joinColumns = @JoinColumn(name = "customer_id"))
                    @Column(name = "phone", length = 30) private Set<String> phones = new HashSet<>();
                    @OneToMany(mappedBy = "customer") private List<CustomerOrder> orders = new ArrayList<>();
                    @OneToMany(mappedBy = "customer") private List<Address> addresses = new ArrayList<>();
                """ + extra + AUDIT));
        files.put("Address", entity("Address", "addresses", "indexes = @Index(columnList = \"customer_id\")", """
                    @ManyToOne(optional = false) @JoinColumn(name = "customer_id") private Customer customer;
                    @Column(length = 40) private String label;
                    @Embedded private PostalAddress address;
                    @Column(name = "is_default", nullable = false) private boolean isDefault;
                """));
        files.put("Category", entity("Category", "categories",
                "uniqueConstraints = @UniqueConstraint(columnNames = \"slug\")", """
                    @Column(nullable = false, length = 100) private String name;
                    @Column(nullable = false, length = 100) private String slug;
                    @ManyToOne @JoinColumn(name = "parent_id") private Category parent;
                    @OneToMany(mappedBy = "parent") private List<Category> children = new ArrayList<>();
                """));
        files.put("Brand", entity("Brand", "brands",
                "uniqueConstraints = @UniqueConstraint(columnNames = \"name\")", """
                    @Column(nullable = false, length = 100) private String name;
                    @Column(length = 300) private String website;
                """));
        files.put("Supplier", entity("Supplier", "suppliers", "indexes = @Index(columnList = \"name\")", """
                    @Column(nullable = false, length = 150) private String name;
                    @Column(name = "contact_email", length = 200) private String contactEmail;
                    @Embedded private PostalAddress address;
                    @Column(name = "lead_time_days") private Integer leadTimeDays;
                """ + AUDIT));
        files.put("Product", """
                @Entity
                @Table(name = "products", uniqueConstraints = @UniqueConstraint(name = "uq_products_sku",
                        columnNames = "sku"),
                        indexes = {@Index(name = "ix_products_name", columnList = "name"),
                                @Index(name = "ix_products_category", columnList = "category_id, brand_id")})
                @SequenceGenerator(name = "product_seq", sequenceName = "product_seq", allocationSize = 50)
                public class Product {
                    @Id @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "product_seq") private Long id;
                    @Column(nullable = false, length = 40) private String sku;
                    @Column(nullable = false, length = 200) private String name;
                    @Lob @Column(columnDefinition = "text") private String description;
                    @Embedded @AttributeOverrides({
                            @AttributeOverride(name = "amount", column = @Column(name = "price_amount")),
                            @AttributeOverride(name = "currency", column = @Column(name = "price_currency"))})
                    private Money price;
                    @Column(name = "weight_grams") private Integer weightGrams;
                    @ManyToOne @JoinColumn(name = "category_id") private Category category;
                    @ManyToOne @JoinColumn(name = "brand_id") private Brand brand;
                    @ManyToOne @JoinColumn(name = "supplier_id") private Supplier supplier;
                    @ElementCollection @CollectionTable(name = "product_tags",
                            joinColumns = @JoinColumn(name = "product_id"))
                    @Column(name = "tag", length = 40) private Set<String> tags = new HashSet<>();
                    @Version private int version;
                """ + AUDIT + "}\n");
        files.put("ProductImage", entity("ProductImage", "product_images", "", """
                    @ManyToOne(optional = false) @JoinColumn(name = "product_id") private Product product;
                    @Column(nullable = false, length = 500) private String url;
                    @Column(nullable = false) private int position;
                """));
        files.put("PriceHistory", entity("PriceHistory", "price_history",
                "indexes = @Index(columnList = \"product_id, valid_from\")", """
                    @ManyToOne(optional = false) @JoinColumn(name = "product_id") private Product product;
                    @Embedded private Money price;
                    @Column(name = "valid_from", nullable = false) private OffsetDateTime validFrom;
                    @Column(name = "valid_to") private OffsetDateTime validTo;
                """));
        files.put("Warehouse", entity("Warehouse", "warehouses",
                "uniqueConstraints = @UniqueConstraint(columnNames = \"code\")", """
                    @Column(nullable = false, length = 10) private String code;
                    @Column(nullable = false, length = 100) private String name;
                    @Embedded private PostalAddress address;
                """));
        files.put("InventoryItem", entity("InventoryItem", "inventory",
                "uniqueConstraints = @UniqueConstraint(columnNames = {\"product_id\", \"warehouse_id\"})", """
                    @ManyToOne(optional = false) @JoinColumn(name = "product_id") private Product product;
                    @ManyToOne(optional = false) @JoinColumn(name = "warehouse_id") private Warehouse warehouse;
                    @Column(nullable = false) private int quantity;
                    @Column(nullable = false) private int reserved;
                    @Column(name = "reorder_level") private Integer reorderLevel;
                """ + AUDIT));
        files.put("CustomerOrder", """
                @Entity
                @Table(name = "orders", uniqueConstraints = @UniqueConstraint(name = "uq_orders_number",
                        columnNames = "number"),
                        indexes = {@Index(name = "ix_orders_customer", columnList = "customer_id"),
                                @Index(name = "ix_orders_status_placed", columnList = "status, placed_at")})
                @SequenceGenerator(name = "order_seq", sequenceName = "order_seq", allocationSize = 20)
                public class CustomerOrder {
                    @Id @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "order_seq") private Long id;
                    @Column(nullable = false, length = 20) private String number;
                    @ManyToOne(optional = false) @JoinColumn(name = "customer_id") private Customer customer;
                    @Enumerated(EnumType.STRING) @Column(nullable = false, length = 20) private OrderStatus status;
                    @Column(name = "placed_at", nullable = false) private OffsetDateTime placedAt;
                    @Embedded @AttributeOverrides({
                            @AttributeOverride(name = "street", column = @Column(name = "ship_street", length = 120)),
                            @AttributeOverride(name = "city", column = @Column(name = "ship_city", length = 60)),
                            @AttributeOverride(name = "postalCode",
                                    column = @Column(name = "ship_postal_code", length = 12)),
                            @AttributeOverride(name = "country", column = @Column(name = "ship_country", length = 2))})
                    private PostalAddress shippingAddress;
                    @Embedded private Money total;
                    @ManyToOne @JoinColumn(name = "coupon_id") private Coupon coupon;
                    @OneToMany(mappedBy = "order", cascade = CascadeType.ALL)
                            private List<OrderLine> lines = new ArrayList<>();
                    @Version private int version;
                """ + AUDIT + "}\n");
        files.put("OrderLine", entity("OrderLine", "order_lines",
                "uniqueConstraints = @UniqueConstraint(columnNames = {\"order_id\", \"line_no\"})", """
                    @ManyToOne(optional = false) @JoinColumn(name = "order_id") private CustomerOrder order;
                    @Column(name = "line_no", nullable = false) private int lineNo;
                    @ManyToOne(optional = false) @JoinColumn(name = "product_id") private Product product;
                    @Column(nullable = false) private int quantity;
                    @Column(name = "unit_price", nullable = false, precision = 12, scale = 2)
                            private BigDecimal unitPrice;
                    @Column(precision = 12, scale = 2) private BigDecimal discount;
                """));
        files.put("Payment", entity("Payment", "payments", "indexes = @Index(columnList = \"order_id\")", """
                    @ManyToOne(optional = false) @JoinColumn(name = "order_id") private CustomerOrder order;
                    @Enumerated(EnumType.STRING) @Column(nullable = false, length = 20) private PaymentMethod method;
                    @Embedded private Money amount;
                    @Column(name = "provider_ref", length = 100, unique = true) private String providerRef;
                    @Column(name = "paid_at") private OffsetDateTime paidAt;
                """));
        files.put("Refund", entity("Refund", "refunds", "", """
                    @ManyToOne(optional = false) @JoinColumn(name = "payment_id") private Payment payment;
                    @Column(nullable = false, precision = 12, scale = 2) private BigDecimal amount;
                    @Column(length = 500) private String reason;
                """ + AUDIT));
        files.put("Shipment", entity("Shipment", "shipments", "indexes = @Index(columnList = \"tracking_number\")", """
                    @ManyToOne(optional = false) @JoinColumn(name = "order_id") private CustomerOrder order;
                    @ManyToOne @JoinColumn(name = "warehouse_id") private Warehouse warehouse;
                    @ManyToOne @JoinColumn(name = "method_id") private ShippingMethod method;
                    @Enumerated(EnumType.STRING) @Column(nullable = false, length = 20) private ShipmentStatus status;
                    @Column(name = "tracking_number", length = 60) private String trackingNumber;
                    @Column(name = "shipped_at") private OffsetDateTime shippedAt;
                    @Column(name = "delivered_at") private OffsetDateTime deliveredAt;
                """));
        files.put("ShippingMethod", entity("ShippingMethod", "shipping_methods",
                "uniqueConstraints = @UniqueConstraint(columnNames = \"code\")", """
                    @Column(nullable = false, length = 20) private String code;
                    @Column(nullable = false, length = 100) private String name;
                    @Embedded private Money fee;
                """));
        files.put("Review", entity("Review", "reviews",
                "uniqueConstraints = @UniqueConstraint(columnNames = {\"product_id\", \"customer_id\"})", """
                    @ManyToOne(optional = false) @JoinColumn(name = "product_id") private Product product;
                    @ManyToOne(optional = false) @JoinColumn(name = "customer_id") private Customer customer;
                    @Column(nullable = false) private short rating;
                    @Column(length = 2000) private String body;
                """ + AUDIT));
        files.put("Coupon", entity("Coupon", "coupons",
                "uniqueConstraints = @UniqueConstraint(columnNames = \"code\")", """
                    @Column(nullable = false, length = 30) private String code;
                    @Column(name = "percent_off") private Integer percentOff;
                    @Embedded private Money amountOff;
                    @Column(name = "valid_until") private LocalDate validUntil;
                    @Column(name = "max_uses") private Integer maxUses;
                """));
        files.put("Promotion", entity("Promotion", "promotions", "", """
                    @Column(nullable = false, length = 100) private String name;
                    @ManyToOne @JoinColumn(name = "category_id") private Category category;
                    @Column(name = "starts_at", nullable = false) private OffsetDateTime startsAt;
                    @Column(name = "ends_at") private OffsetDateTime endsAt;
                """));
        files.put("GiftCard", entity("GiftCard", "gift_cards",
                "uniqueConstraints = @UniqueConstraint(columnNames = \"code\")", """
                    @Column(nullable = false, length = 30) private String code;
                    @Embedded private Money balance;
                    @ManyToOne @JoinColumn(name = "customer_id") private Customer customer;
                """));
        files.put("Cart", entity("Cart", "carts", "", """
                    @ManyToOne @JoinColumn(name = "customer_id") private Customer customer;
                    @Column(name = "session_id", length = 64) private String sessionId;
                    @OneToMany(mappedBy = "cart") private List<CartItem> items = new ArrayList<>();
                """ + AUDIT));
        files.put("CartItem", entity("CartItem", "cart_items", "", """
                    @ManyToOne(optional = false) @JoinColumn(name = "cart_id") private Cart cart;
                    @ManyToOne(optional = false) @JoinColumn(name = "product_id") private Product product;
                    @Column(nullable = false) private int quantity;
                """));
        files.put("Wishlist", entity("Wishlist", "wishlists", "", """
                    @ManyToOne(optional = false) @JoinColumn(name = "customer_id") private Customer customer;
                    @Column(nullable = false, length = 100) private String name;
                    @ManyToMany @JoinTable(name = "wishlist_products", joinColumns = @JoinColumn(name = "wishlist_id"),
                            inverseJoinColumns = @JoinColumn(name = "product_id"))
                                    private Set<Product> products = new HashSet<>();
                """));
        files.put("Invoice", entity("Invoice", "invoices",
                "uniqueConstraints = @UniqueConstraint(columnNames = \"number\")", """
                    @ManyToOne(optional = false) @JoinColumn(name = "order_id") private CustomerOrder order;
                    @Column(nullable = false, length = 30) private String number;
                    @Column(name = "issued_on", nullable = false) private LocalDate issuedOn;
                    @Embedded private Money total;
                    @ManyToOne @JoinColumn(name = "tax_rate_id") private TaxRate taxRate;
                """));
        files.put("TaxRate", entity("TaxRate", "tax_rates",
                "uniqueConstraints = @UniqueConstraint(columnNames = {\"country\", \"code\"})", """
                    @Column(nullable = false, length = 2) private String country;
                    @Column(nullable = false, length = 20) private String code;
                    @Column(nullable = false, precision = 5, scale = 2) private BigDecimal rate;
                """));
        files.put("ReturnRequest", entity("ReturnRequest", "return_requests", "", """
                    @ManyToOne(optional = false) @JoinColumn(name = "order_line_id") private OrderLine orderLine;
                    @Column(nullable = false) private int quantity;
                    @Column(length = 1000) private String reason;
                    @Enumerated(EnumType.STRING) @Column(length = 20) private OrderStatus resultingStatus;
                """ + AUDIT));
        files.put("Employee", entity("Employee", "employees",
                "uniqueConstraints = @UniqueConstraint(columnNames = \"email\")", """
                    @Column(nullable = false, length = 200) private String email;
                    @Column(name = "full_name", nullable = false, length = 150) private String fullName;
                    @ManyToOne @JoinColumn(name = "warehouse_id") private Warehouse warehouse;
                    @ManyToOne @JoinColumn(name = "manager_id") private Employee manager;
                """));
        files.put("AuditEntry", entity("AuditEntry", "audit_log",
                "indexes = @Index(columnList = \"entity, entity_id\")", """
                    @Column(nullable = false, length = 60) private String entity;
                    @Column(name = "entity_id", nullable = false) private Long entityId;
                    @Column(nullable = false, length = 20) private String action;
                    @ManyToOne @JoinColumn(name = "employee_id") private Employee employee;
                    @Column(name = "at", nullable = false) private OffsetDateTime at;
                """));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(dir.resolve(file.getKey() + ".java"), IMPORTS + file.getValue());
        }
    }

    private static String entity(String name, String table, String tableAttributes, String fields) {
        return "@Entity\n@Table(name = \"" + table + "\"" + (tableAttributes.isEmpty() ? "" : ", " + tableAttributes)
                + ")\npublic class " + name + " {\n" + ID + fields + "}\n";
    }
}
