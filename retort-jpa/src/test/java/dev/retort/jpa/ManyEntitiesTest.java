package dev.retort.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.jpa.JpaSettings.Naming;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hundred related entities go through one compile and one Hibernate boot, then come from the cache. */
class ManyEntitiesTest {
    static final int COUNT = 100;

    static EntityProject hundredEntities(EntityProject project) {
        for (int i = 0; i < COUNT; i++) {
            String parent = i == 0 ? "" : "    @ManyToOne private Thing%d parent;\n".formatted(i - 1);
            project.entity("Thing" + i, """
                    @Entity public class Thing%d {
                        @Id @GeneratedValue private Long id;
                        @Column(nullable = false, length = 80) private String name;
                        private BigDecimal price;
                        private java.time.Instant createdAt;
                        @Enumerated(EnumType.STRING) private Kind kind;
                    %s}
                    """.formatted(i, parent));
        }
        return project.entity("Kind", "public enum Kind { SMALL, LARGE }\n");
    }

    @Test
    void aHundredEntitiesBecomeAHundredTables(@TempDir Path dir) {
        EntityProject project = hundredEntities(new EntityProject(dir));
        JpaModelSource cold = new JpaModelSource(project.settings(Naming.SNAKE_CASE));
        long start = System.nanoTime();
        JpaModel model = cold.load();
        long coldMillis = (System.nanoTime() - start) / 1_000_000;
        JpaModelSource warm = new JpaModelSource(project.settings(Naming.SNAKE_CASE));
        start = System.nanoTime();
        JpaModel cached = warm.load();
        long warmMillis = (System.nanoTime() - start) / 1_000_000;
        // Reported for information only; timings depend on the machine and are not asserted.
        System.err.printf("%d entities: cold %d ms, cache hit %d ms%n", COUNT, coldMillis, warmMillis);

        assertThat(model.statements()).filteredOn(s -> s.startsWith("create table thing")).hasSize(COUNT);
        assertThat(model.statements()).filteredOn(s -> s.contains("foreign key (parent_id)")).hasSize(COUNT - 1);
        assertThat(cold.compilations()).isEqualTo(1);
        assertThat(warm.compilations()).isZero();
        assertThat(warm.hibernateBoots()).isZero();
        assertThat(cached).isEqualTo(model);
    }
}
