package dev.retort.jpa;

import static dev.retort.jpa.EntityProject.statement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.jpa.JpaSettings.Naming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code META-INF/orm.xml} on the class path maps the entities too, as in the application: Spring Boot adds it to the
 * mappings it scans, and JPA reads it in a persistence unit's root.
 */
class OrmXmlTest {
    private static final String ORM_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <entity-mappings xmlns="https://jakarta.ee/xml/ns/persistence/orm" version="3.1">
                <entity class="com.example.OrderLine" access="FIELD">
                    <table name="order_items">
                        <index name="order_items_sku_idx" column-list="sku"/>
                    </table>
                    <attributes>
                        <basic name="sku"><column name="sku" length="40" nullable="false"/></basic>
                    </attributes>
                </entity>
            </entity-mappings>
            """;

    private EntityProject project;
    private Path resources;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        project = new EntityProject(dir).entity("OrderLine", """
                @Entity public class OrderLine { @Id private Long id; private String sku; private int quantity; }
                """);
        resources = dir.resolve("src/main/resources");
    }

    @Test
    void theOrmXmlOnTheClasspathMapsTheEntitiesToo() throws IOException {
        write("META-INF/orm.xml", ORM_XML);

        JpaModel model = load(List.of(resources));

        assertThat(statement(model, "create table order_items (")).contains("sku varchar(40) not null");
        assertThat(model.ddl()).doesNotContain("create table order_line")
                .contains("create index order_items_sku_idx on order_items (sku)");
    }

    @Test
    void withoutItTheAnnotationsAloneMap() throws IOException {
        Files.createDirectories(resources);

        JpaModel model = load(List.of(resources));

        assertThat(statement(model, "create table order_line (")).contains("sku varchar(255)");
    }

    @Test
    void anOrmXmlBesideAPersistenceXmlIsReadWithItsUnit() throws IOException {
        // JPA reads the orm.xml in a persistence unit's root, and Retort reads that unit (see PersistenceXmlTest).
        write("META-INF/orm.xml", ORM_XML);
        write("META-INF/persistence.xml", """
                <persistence xmlns="https://jakarta.ee/xml/ns/persistence" version="3.0">
                    <persistence-unit name="legacy"/>
                </persistence>
                """);

        JpaModel model = load(List.of(resources));

        assertThat(statement(model, "create table order_items (")).contains("sku varchar(40) not null");
    }

    @Test
    void anOrmXmlHibernateCannotReadIsReportedWithItsPath() throws IOException {
        Path file = write("META-INF/orm.xml", ORM_XML.replace("<attributes>", "<attributes><nonsense/>"));

        assertThatThrownBy(() -> load(List.of(resources))).isInstanceOf(JpaModelException.class)
                .hasMessageStartingWith("Hibernate cannot map the entities: ")
                .hasMessageContaining(file.toString())
                .hasMessageNotContaining("\n");
    }

    @Test
    void aChangedOrmXmlIsReadAgain() throws IOException {
        write("META-INF/orm.xml", ORM_XML);
        assertThat(load(List.of(resources)).ddl()).contains("order_items_sku_idx");

        write("META-INF/orm.xml", ORM_XML.replace("order_items_sku_idx", "order_items_by_sku"));

        assertThat(load(List.of(resources)).ddl()).contains("order_items_by_sku").doesNotContain("sku_idx");
    }

    private Path write(String relative, String text) throws IOException {
        Path file = resources.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private JpaModel load(List<Path> classpath) {
        return new JpaModelSource(new JpaSettings(List.of(project.sources), classpath, List.of(), Naming.SNAKE_CASE,
                project.cache)).load();
    }
}
