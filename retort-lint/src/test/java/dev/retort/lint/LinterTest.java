package dev.retort.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.operation.Execute;
import dev.retort.operation.Operation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinterTest {
    private static final String DROP_AND_BEGIN = "-- revision: a1b2c3d4e5f6\n-- down_revision: none\n-- +upgrade\n"
            + "DROP TABLE users;\nBEGIN;\n-- +downgrade\nSELECT 1;\n";

    @Test
    void rulesHaveUniqueSortedCodesAndAreStable() {
        List<String> codes = Linter.rules().stream().map(Rule::code).toList();
        assertThat(codes).doesNotHaveDuplicates().isSorted().hasSize(25);
        assertThat(codes.get(0)).isEqualTo("RT100");
        assertThat(codes.get(1)).isEqualTo("RT101");
        assertThat(codes.get(17)).isEqualTo("RT117");
        assertThat(codes.get(18)).isEqualTo("RT118");
        assertThat(codes.get(19)).isEqualTo("RT119");
        assertThat(codes.get(20)).isEqualTo("RT120");
        assertThat(codes.get(21)).isEqualTo("RT121");
        assertThat(codes.get(22)).isEqualTo("RT122");
        assertThat(codes.get(23)).isEqualTo("RT123");
        assertThat(codes.get(24)).isEqualTo("RT124");
        assertThat(Linter.rules()).allSatisfy(rule -> assertThat(rule.defaultSeverity()).isNotEqualTo(Severity.OFF));
        assertThat(Linter.rules().get(7)).isEqualTo(new Rule("RT107", Linter.rules().get(7).title(), Severity.ERROR));
    }

    @Test
    void offDropsARuleAndErrorRaisesOne() {
        List<Finding> defaults = Lint.sql(DROP_AND_BEGIN);
        assertThat(defaults).extracting(f -> f.code() + ":" + f.severity())
                .containsExactly("RT101:WARNING", "RT114:ERROR");
        List<Finding> overridden = Lint.sql(DROP_AND_BEGIN, Map.of("RT101", Severity.ERROR, "RT114", Severity.OFF));
        assertThat(overridden).extracting(f -> f.code() + ":" + f.severity()).containsExactly("RT101:ERROR");
    }

    @Test
    void anUnknownCodeInOverridesIsRejectedByName() {
        assertThatThrownBy(() -> new Linter(Map.of("RT999", Severity.OFF)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RT999");
    }

    @Test
    void findingsPrintLikeCompilerMessages() {
        Finding finding = Lint.sql(DROP_AND_BEGIN).get(0);
        assertThat(finding).hasToString("a1b2c3d4e5f6_change.sql:4: warning RT101 drops table users and all its rows");
    }

    @Test
    void aFileNamedForAnotherRevisionIsNamedWithTheNameToGiveIt() {
        String text = "-- revision: a1b2c3d4e5f6\n-- down_revision: none\n-- +upgrade\nSELECT 1;\n-- +downgrade\n"
                + "SELECT 1;\n";
        List<Operation> one = List.of(new Execute("SELECT 1"));
        List<Finding> copied = new Linter().lint(new LintInput("a1b2c3d4e5f6", "0123456789ab_add_users.sql", text,
                one, one, true));
        assertThat(copied).extracting(Finding::toString).containsExactly("0123456789ab_add_users.sql:1: warning RT119 "
                + "declares revision a1b2c3d4e5f6 in a file named 0123456789ab_add_users.sql; rename the file to "
                + "a1b2c3d4e5f6_add_users.sql, or, if it was copied from another migration, give its header a new id");
        List<Finding> unnamed = new Linter().lint(new LintInput("a1b2c3d4e5f6", "add_users.sql", text, one, one,
                true));
        assertThat(unnamed).extracting(Finding::message).singleElement().asString()
                .contains("rename the file to a1b2c3d4e5f6_add_users.sql");
        assertThat(new Linter().lint(new LintInput("a1b2c3d4e5f6", "a1b2c3d4e5f6_add_users.sql", text, one, one,
                true))).isEmpty();
    }
}
