package dev.retort.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ModelFileTest {

    @Property
    void anyModelSurvivesFormatAndParse(@ForAll String ddl, @ForAll String table, @ForAll String oldTable,
            @ForAll String column, @ForAll String oldColumn, @ForAll String warning, @ForAll String owner,
            @ForAll String sequence, @ForAll String uniqueName, @ForAll String unique, @ForAll List<String> constants) {
        JpaModel model = new JpaModel(ddl, Map.of(table, oldTable), Map.of(column, oldColumn), List.of(warning),
                Map.of(column, owner), Map.of(column, sequence), Map.of(uniqueName, unique), Map.of(column, constants));

        assertThat(ModelFile.parse(ModelFile.format(model))).contains(model);
    }

    @Property
    void escapingRoundTrips(@ForAll String text) {
        assertThat(ModelFile.escape(text)).doesNotContain("\n", "\t", "\r");
        assertThat(ModelFile.unescape(ModelFile.escape(text))).isEqualTo(text);
    }

    @Test
    void aTruncatedOrForeignFileIsNoModel() {
        String whole = ModelFile.format(new JpaModel("create table a (id int);\n", Map.of(), Map.of(), List.of()));

        assertThat(ModelFile.parse(whole)).isPresent();
        assertThat(ModelFile.parse(whole.substring(0, whole.indexOf("end")))).isEmpty();
        assertThat(ModelFile.parse("retort-jpa-model 1\n" + whole.substring(whole.indexOf('\n') + 1))).isEmpty();
        assertThat(ModelFile.parse("retort-jpa-model 2\n" + whole.substring(whole.indexOf('\n') + 1))).isEmpty();
        assertThat(ModelFile.parse("retort-jpa-model 3\n" + whole.substring(whole.indexOf('\n') + 1))).isEmpty();
        // Version 4 had no enum constants: read back, its model would know none.
        assertThat(ModelFile.parse("retort-jpa-model 4\n" + whole.substring(whole.indexOf('\n') + 1))).isEmpty();
        assertThat(ModelFile.parse("")).isEmpty();
        assertThat(ModelFile.parse("retort-jpa-model 5\nddl\tx\ntable\tonly-one-field\nend\n")).isEmpty();
    }
}
