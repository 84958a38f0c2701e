package dev.retort.autogenerate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutineSignatureTest {
    @Test
    void namesModesDefaultsAndOutArgumentsAreLeftOut() {
        RoutineSignature signature = RoutineSignature.of("IN a integer, b text DEFAULT 'x, y', OUT total bigint, "
                + "VARIADIC rest numeric(10,2)[] = '{}'").orElseThrow();

        assertThat(signature.shown()).isEqualTo("integer, text, numeric(10,2)[]");
        assertThat(signature.resolvable()).containsExactly("integer", "text", "numeric[]");
    }

    @Test
    void typeNamesOfSeveralWordsAreNotTakenForAnArgumentsName() {
        RoutineSignature signature = RoutineSignature.of("double precision, \"timestamp\" timestamp(3) with time "
                + "zone, character varying(20), national character, x bit varying(3), public.\"My Type\"")
                .orElseThrow();

        assertThat(signature.resolvable()).containsExactly("double precision", "timestamp with time zone",
                "character varying", "national character", "bit varying", "public.\"My Type\"");
        assertThat(RoutineSignature.of("").orElseThrow().types()).isEmpty();
    }

    @Test
    void textThatIsNoPlainTypeNameHasNoSignature() {
        assertThat(RoutineSignature.of("a orders.id%TYPE")).isEmpty();
        assertThat(RoutineSignature.of("a integer,")).isEmpty();
    }

    @Test
    void anAggregatesStarIsNoArgumentAndItsOrderBySeparatesThem() {
        assertThat(RoutineSignature.ofAggregate(" * ").orElseThrow().types()).isEmpty();
        assertThat(RoutineSignature.ofAggregate("fraction double precision ORDER BY anyelement").orElseThrow()
                .types()).containsExactly("double precision", "anyelement");
        assertThat(RoutineSignature.ofAggregate("ORDER BY value integer").map(RoutineSignature::types))
                .isEqualTo(Optional.of(List.of("integer")));
    }
}
