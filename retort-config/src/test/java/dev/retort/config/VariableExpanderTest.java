package dev.retort.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableExpanderTest {
    private final VariableExpander variables = new VariableExpander(
            Map.of("HOST", "env-host", "EMPTY", ""),
            DotEnv.of(".env", Map.of("HOST", "dotenv-host", "PORT", "5433")));

    private String expanded(String text) {
        return ((VariableExpander.Result.Expanded) variables.expand(text, "retort.toml line 1: key")).value();
    }

    @Test
    void looksInTheEnvironmentFirstThenInDotEnv() {
        assertThat(expanded("postgresql://${HOST}:${PORT}/db")).isEqualTo("postgresql://env-host:5433/db");
    }

    @Test
    void usesTheDefaultWhenTheVariableIsUnsetOrEmpty() {
        assertThat(expanded("${MISSING:-fallback}|${EMPTY:-fallback}|${EMPTY}|${HOST:-unused}"))
                .isEqualTo("fallback|fallback||env-host");
        assertThat(expanded("${MISSING:-}")).isEmpty();
    }

    @Test
    void aVariableThatMustBeSetStopsWithItsMessageWhenItIsNot() {
        assertThat(expanded("${HOST:?the deploy sets it}|${EMPTY?only unset stops}")).isEqualTo("env-host|");
        assertThatThrownBy(() -> variables.expand("${MISSING:?the deploy's secret did not arrive}",
                "retort.toml line 2: database_url"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("retort.toml line 2: database_url needs ${MISSING}, which is not given with -x, nor set "
                        + "in the environment or .env: the deploy's secret did not arrive.");
        assertThatThrownBy(() -> variables.expand("${EMPTY:?}", "retort.toml line 3: version_table_schema"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("retort.toml line 3: version_table_schema needs ${EMPTY}, which is empty.");
        assertThatThrownBy(() -> variables.expand("${MISSING?set it!}", "k"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("k needs ${MISSING}, which is not given with -x, nor set in the environment or .env: "
                        + "set it!");
    }

    @Test
    void keepsDollarsThatAreNotReferences() {
        assertThat(expanded("pa$$word $HOST {HOST}")).isEqualTo("pa$$word $HOST {HOST}");
    }

    @Test
    void reportsTheFirstUnsetVariable() {
        assertThat(variables.expand("${HOST}/${NOPE}/${ALSO_NOPE}", "k"))
                .isEqualTo(new VariableExpander.Result.Unset("NOPE"));
    }

    @Test
    void rejectsMalformedReferences() {
        assertThatThrownBy(() -> variables.expand("x${HOST", "retort.toml line 2: database_url"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("retort.toml line 2: database_url has a '${' without a closing '}'.");
        assertThatThrownBy(() -> variables.expand("${1X}", "retort.toml line 2: script_location"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'${1X}', which is not a variable name");
    }
}
