package dev.retort.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The names Hibernate 6 gives the unique constraints the entities leave unnamed when it updates a schema
 * ({@code ddl-auto=update}), as it printed them for these entities, and Hibernate 5's for unique columns and natural
 * ids; a name
 * the entities give is not among them.
 */
class UniqueKeyNamesTest {

    @Test
    void hibernatesNamesOfUnnamedUniqueConstraints(@TempDir Path dir) {
        JpaModel model = new EntityProject(dir)
                .entity("Shop", """
                        @Entity @Table(name = "shops", uniqueConstraints = {
                                @UniqueConstraint(columnNames = {"city", "street"}),
                                @UniqueConstraint(name = "uk_shop_code", columnNames = "shopCode")})
                        public class Shop {
                            @Id Long id;
                            @Column(unique = true) String emailAddress;
                            String city;
                            String street;
                            String shopCode;
                            @OneToOne Manager manager;
                        }
                        """)
                .entity("Manager", """
                        @Entity @Table(name = "managers") public class Manager {
                            @Id Long id;
                            @org.hibernate.annotations.NaturalId String badge;
                        }
                        """)
                .entity("Book", """
                        @Entity @Table(name = "books") public class Book {
                            @Id Long id;
                            @org.hibernate.annotations.NaturalId String publisher;
                            @org.hibernate.annotations.NaturalId String isbn;
                        }
                        """)
                .entity("Lead", """
                        @Entity @Table(name = "leads", schema = "crm") public class Lead {
                            @Id Long id;
                            @Column(unique = true) String email;
                        }
                        """)
                .load();

        assertThat(model.uniqueNames()).contains(
                entry("uk9jki9o7lwg04bx6y5784w6ufi", "shops unique (email_address)"),
                entry("uk_9jki9o7lwg04bx6y5784w6ufi", "shops unique (email_address)"),
                entry("uki4t7rpvwfsm852jbvr4a39g68", "shops unique (city, street)"),
                entry("ukm3voi2omyvaearaaiqeuybahg", "shops unique (manager_id)"),
                entry("uk_m3voi2omyvaearaaiqeuybahg", "shops unique (manager_id)"),
                entry("uk1o88ketggwt5vvmxip35flid1", "managers unique (badge)"),
                // Hibernate 5's for a natural id: UK_ and the MD5 of "managers_NaturalID" in base 35.
                entry("uk_49qacjeqslc5stlc5pdv7xmbs", "managers unique (badge)"),
                entry("uk_pbshnn9d7xsxqert7fjrchpe0", "books unique (isbn, publisher)"))
                .containsValue("crm.leads unique (email)")
                .doesNotContainValue("shops unique (shop_code)")
                .hasSize(11);
    }

    @Test
    void theConstraintOfALongColumnNamesTheColumnAsPostgresCutsIt(@TempDir Path dir) {
        JpaModel model = new EntityProject(dir)
                .entity("LongEntityNameForTestingPurposes", """
                        @Entity public class LongEntityNameForTestingPurposes {
                            @Id Long id;
                            @Column(unique = true) String aQuiteLongColumnNameThatIsUniqueAndLongEnoughToBeTruncated;
                        }
                        """)
                .load();

        // The name Hibernate's ddl-auto=update gave it on PostgreSQL, hashed from the whole names.
        assertThat(model.uniqueNames()).contains(entry("uk70xxqxscyr3lxuad1h168dcl3",
                "long_entity_name_for_testing_purposes unique "
                        + "(a_quite_long_column_name_that_is_unique_and_long_enough_to_be_t)"));
    }
}
