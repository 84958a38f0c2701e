package dev.retort.jpa;

import static dev.retort.jpa.EntityProject.statement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.jpa.JpaSettings.Naming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain JPA or Jakarta EE application describes its entities in {@code META-INF/persistence.xml}: which classes,
 * which mapping files, and Hibernate's settings. Retort reads that unit as Hibernate does when the application starts,
 * and what {@code retort.toml} sets itself wins.
 */
class PersistenceXmlTest {
    private EntityProject project;
    private Path resources;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        project = new EntityProject(dir)
                .entity("OrderLine", """
                        @Entity public class OrderLine { @Id private Long id; private String skuCode; }
                        """)
                .entity("AuditEntry", """
                        @Entity public class AuditEntry { @Id private Long id; private String userName; }
                        """);
        resources = dir.resolve("src/main/resources");
    }

    private void unit(String body) throws IOException {
        write("META-INF/persistence.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
                """ + body + "</persistence>\n");
    }

    @Test
    void withoutNamingInRetortTomlTheUnitIsNamedAsHibernateNamesIt() throws IOException {
        unit("<persistence-unit name=\"shop\"/>\n");

        JpaModel model = load(Optional.empty(), List.of());

        // Hibernate's defaults, as the application gets them: names as written, not Spring Boot's snake case.
        assertThat(statement(model, "create table OrderLine (")).contains("skuCode varchar(255)");
    }

    @Test
    void theUnitsNamingStrategyNamesTheTables() throws IOException {
        unit("""
                <persistence-unit name="shop">
                  <properties>
                    <property name="hibernate.physical_naming_strategy"
                              value="org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy"/>
                    <property name="hibernate.default_schema" value="sales"/>
                    <property name="hibernate.connection.url" value="jdbc:postgresql://nowhere/shop"/>
                  </properties>
                </persistence-unit>
                """);

        JpaModel model = load(Optional.empty(), List.of());

        assertThat(statement(model, "create table sales.order_line (")).contains("sku_code varchar(255)");
        assertThat(model.ddl()).contains("create schema sales");
    }

    /** Hibernate's script creates a schema reached two ways twice, and PostgreSQL refused the second. */
    @Test
    void aSchemaTheDefaultAndATableNameIsCreatedOnce() throws IOException {
        project.entity("Ledger", """
                @Entity @Table(schema = "sales") public class Ledger { @Id private Long id; }
                """);
        unit("""
                <persistence-unit name="shop">
                  <properties>
                    <property name="hibernate.default_schema" value="sales"/>
                  </properties>
                </persistence-unit>
                """);

        JpaModel model = load(Optional.empty(), List.of());

        assertThat(model.ddl().split("create schema sales", -1)).hasSize(2);
        assertThat(model.ddl()).contains("create table sales.Ledger (", "create table sales.OrderLine (");
    }

    @Test
    void propertiesOfRetortTomlWinOverTheUnitsAsSpringsDo() throws IOException {
        unit("""
                <persistence-unit name="shop">
                  <properties>
                    <property name="hibernate.default_schema" value="sales"/>
                  </properties>
                </persistence-unit>
                """);

        JpaModel model = new JpaModelSource(new JpaSettings(List.of(project.sources), List.of(resources), List.of(),
                Naming.SNAKE_CASE, project.cache, Optional.empty(), Optional.empty(), true, Optional.empty(),
                List.of(), Map.of("hibernate.default_schema", "crm", "hibernate.hbm2ddl.auto", "update",
                        "spring.jpa.open-in-view", "false"))).load();

        assertThat(statement(model, "create table crm.order_line (")).contains("sku_code varchar(255)");
        assertThat(model.warnings()).containsExactly(
                "[models.properties] hibernate.hbm2ddl.auto in retort.toml is ignored: it belongs to the running "
                        + "application (connections, caches, logging) or to the schema export Retort runs itself for "
                        + "PostgreSQL, and does not change the mapping; remove it.",
                "[models.properties] spring.jpa.open-in-view in retort.toml is ignored: Retort hands Hibernate only "
                        + "hibernate.* properties and the Bean Validation mode (jakarta.persistence.validation.mode); "
                        + "remove it.");
    }

    @Test
    void namingInRetortTomlWinsOverTheUnits() throws IOException {
        unit("""
                <persistence-unit name="shop">
                  <properties>
                    <property name="hibernate.physical_naming_strategy"
                              value="org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl"/>
                  </properties>
                </persistence-unit>
                """);

        JpaModel model = new JpaModelSource(new JpaSettings(List.of(project.sources), List.of(resources), List.of(),
                Naming.SNAKE_CASE, project.cache, Optional.empty(), Optional.empty(), true, Optional.empty(),
                List.of())).load();

        assertThat(statement(model, "create table order_line (")).contains("sku_code varchar(255)");
    }

    @Test
    void excludeUnlistedClassesMapsOnlyTheListedOnes() throws IOException {
        unit("""
                <persistence-unit name="shop">
                  <class>com.example.OrderLine</class>
                  <exclude-unlisted-classes/>
                </persistence-unit>
                """);

        JpaModel model = load(Optional.empty(), List.of());

        assertThat(model.ddl()).contains("create table OrderLine (").doesNotContain("AuditEntry");
    }

    /**
     * Hibernate takes a {@code <class>} that names no class for a package, and registers it: the generators of its
     * {@code package-info} serve the entities, even those of another package, and with only the listed classes mapped.
     */
    @Test
    void aPackageTheUnitListsIsRegisteredWithItsPackageInfo() throws IOException {
        project.write("com/example/ids/package-info.java", """
                        @GenericGenerator(name = "gen", type = SequenceStyleGenerator.class, parameters = {
                                @Parameter(name = "sequence_name", value = "s1"),
                                @Parameter(name = "increment_size", value = "1")})
                        package com.example.ids;

                        import org.hibernate.annotations.GenericGenerator;
                        import org.hibernate.annotations.Parameter;
                        import org.hibernate.id.enhanced.SequenceStyleGenerator;
                        """)
                .entity("Ticket", """
                        @Entity public class Ticket { @Id @GeneratedValue(generator = "gen") private Long id; }
                        """);
        unit("""
                <persistence-unit name="shop">
                  <class>com.example.Ticket</class>
                  <class>com.example.ids</class>
                  <exclude-unlisted-classes/>
                </persistence-unit>
                """);

        JpaModel model = load(Optional.empty(), List.of());

        assertThat(model.statements()).contains("create sequence s1 start with 1 increment by 1")
                .noneSatisfy(s -> assertThat(s).contains("sequence gen "));
        assertThat(model.ddl()).contains("create table Ticket (").doesNotContain("OrderLine");
    }

    /**
     * A listed package whose {@code package-info} carries no annotations (javac writes no class for it), or that has
     * none, gives Hibernate nothing to register: it takes the entry and goes on, and so does Retort.
     */
    @Test
    void aListedPackageWithoutAnAnnotatedPackageInfoAmongTheSourcesRegistersNothing() throws IOException {
        project.write("com/example/equipment/package-info.java", """
                        /** The equipment entities. */
                        package com.example.equipment;
                        """)
                .write("com/example/tools/Wrench.java", """
                        package com.example.tools;

                        public class Wrench { }
                        """);
        unit("""
                <persistence-unit name="eq">
                  <class>com.example.OrderLine</class>
                  <class>com.example.equipment</class>
                  <class>com.example.tools</class>
                  <exclude-unlisted-classes/>
                </persistence-unit>
                """);

        JpaModel model = load(Optional.empty(), List.of());

        assertThat(model.ddl()).contains("create table OrderLine (").doesNotContain("AuditEntry");
    }

    @Test
    void aListedNameThatIsNeitherAClassNorAPackageIsReported() throws IOException {
        unit("""
                <persistence-unit name="shop">
                  <class>com.example.OrderLine</class>
                  <class>com.example.Invoice</class>
                </persistence-unit>
                """);

        assertThatThrownBy(() -> load(Optional.empty(), List.of())).isInstanceOf(JpaModelException.class)
                .hasMessage("Persistence unit shop (" + resources.resolve("META-INF/persistence.xml") + ") lists "
                        + "<class>com.example.Invoice</class>, which names no class and no package of [models] "
                        + "sources or classpath; add its source root or classes, or remove it from the unit.");
    }

    @Test
    void aMappingFileOfTheUnitMapsTheEntitiesToo() throws IOException {
        write("mappings/shop.xml", """
                <entity-mappings xmlns="https://jakarta.ee/xml/ns/persistence/orm" version="3.1">
                    <entity class="com.example.OrderLine"><table name="order_items"/></entity>
                </entity-mappings>
                """);
        unit("""
                <persistence-unit name="shop"><mapping-file>mappings/shop.xml</mapping-file></persistence-unit>
                """);

        assertThat(load(Optional.empty(), List.of()).ddl()).contains("create table order_items (");
    }

    @Test
    void mappingFilesOfRetortTomlAreReadWithoutAUnitAsSpringReadsItsMappingResources() throws IOException {
        write("mappings/shop.xml", """
                <entity-mappings xmlns="https://jakarta.ee/xml/ns/persistence/orm" version="3.1">
                    <entity class="com.example.OrderLine"><table name="order_items"/></entity>
                </entity-mappings>
                """);

        assertThat(load(Optional.empty(), List.of("mappings/shop.xml")).ddl()).contains("create table order_items (");
        assertThatThrownBy(() -> load(Optional.empty(), List.of("mappings/nope.xml")))
                .isInstanceOf(JpaModelException.class)
                .hasMessage("[models] mapping_files in retort.toml names mappings/nope.xml, which is in none of "
                        + "[models] sources' compiled classes or [models] classpath; add the directory that holds it "
                        + "(src/main/resources) to [models] classpath, or correct the name.");
    }

    @Test
    void severalUnitsNeedOneNamed() throws IOException {
        unit("""
                <persistence-unit name="shop"><class>com.example.OrderLine</class><exclude-unlisted-classes/>
                </persistence-unit>
                <persistence-unit name="audit"><class>com.example.AuditEntry</class><exclude-unlisted-classes/>
                </persistence-unit>
                """);

        assertThatThrownBy(() -> load(Optional.empty(), List.of())).isInstanceOf(JpaModelException.class)
                .hasMessageStartingWith("The persistence.xml files in [models] classpath define 2 persistence units "
                        + "(shop (" + resources.resolve("META-INF/persistence.xml") + "), audit (")
                .hasMessageEndingWith("name the one the entities belong to with persistence_unit = \"shop\" in "
                        + "[models] of retort.toml.");
        assertThat(load(Optional.of("audit"), List.of()).ddl()).contains("create table AuditEntry (")
                .doesNotContain("OrderLine");
        assertThatThrownBy(() -> load(Optional.of("billing"), List.of())).isInstanceOf(JpaModelException.class)
                .hasMessageStartingWith("[models] persistence_unit in retort.toml names billing, but the "
                        + "persistence.xml files in [models] classpath define only shop (");
    }

    /** The jar files of a unit the entities do not belong to are no concern of theirs: an unbuilt one stops nothing. */
    @Test
    void anotherUnitsJarFileNeedNotBeBuilt() throws IOException {
        unit("""
                <persistence-unit name="shop"><class>com.example.OrderLine</class><exclude-unlisted-classes/>
                </persistence-unit>
                <persistence-unit name="reports"><jar-file>lib/reports.jar</jar-file></persistence-unit>
                """);

        assertThat(load(Optional.of("shop"), List.of()).ddl()).contains("create table OrderLine (")
                .doesNotContain("AuditEntry");
        assertThatThrownBy(() -> load(Optional.of("reports"), List.of())).isInstanceOf(JpaModelException.class)
                .hasMessageStartingWith("Persistence unit reports (" + resources.resolve("META-INF/persistence.xml")
                        + ") names <jar-file>lib/reports.jar</jar-file>, which is not at ");
    }

    @Test
    void aChangedUnitIsReadAgain() throws IOException {
        unit("<persistence-unit name=\"shop\"/>\n");
        assertThat(load(Optional.empty(), List.of()).ddl()).contains("create table AuditEntry (");

        unit("<persistence-unit name=\"shop\"><class>com.example.OrderLine</class>"
                + "<exclude-unlisted-classes>true</exclude-unlisted-classes></persistence-unit>\n");

        assertThat(load(Optional.empty(), List.of()).ddl()).doesNotContain("AuditEntry");
    }

    /** Loads the entities as retort.toml without naming gives them: sources, and resources on the classpath. */
    private JpaModel load(Optional<String> unit, List<String> mappingFiles) {
        return new JpaModelSource(new JpaSettings(List.of(project.sources), List.of(resources), List.of(),
                Naming.SNAKE_CASE, project.cache, Optional.empty(), Optional.empty(), false, unit, mappingFiles))
                .load();
    }

    private Path write(String relative, String text) throws IOException {
        Path file = resources.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
