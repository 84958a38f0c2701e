package dev.retort.render;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Generators for the text and values inside operations, weighted towards what is hard to write as Java. */
final class RandomValues {
    private RandomValues() {
    }

    /** Non-empty text: names, types, comments. Quotes, backslashes, controls, odd spaces, surrogates, any char. */
    static Arbitrary<String> text() {
        Arbitrary<String> awkward = Arbitraries.strings()
                .withCharRange('a', 'z')
                .withChars("\"'\\*/ \t\n\r$;`{}éß日本")
                .withCharRange('\u0000', '\u001f')
                .withCharRange('\u007f', '\u00a0')
                .withCharRange('\u2000', '\u202f')
                .withChars("\u3000\ufeff\uffff")
                .withCharRange('\ud83d', '\ud83d') // with the next range, sometimes an emoji, sometimes a lone half
                .withCharRange('\ude00', '\ude0f')
                .ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> anything = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> tricky = Arbitraries.of("*/", "\\u0041", "\\u000a", "\"\"\"", "a\\", " ", "\n", "\u3000",
                "users", "phone_number", "character varying(20)");
        return Arbitraries.frequencyOf(Tuple.of(6, awkward), Tuple.of(2, anything), Tuple.of(2, tricky));
    }

    /** Text or null. */
    static Arbitrary<String> optionalText() {
        return Arbitraries.oneOf(text(), Arbitraries.just("")).injectNull(0.5);
    }

    /** A name or null. */
    static Arbitrary<String> optionalName() {
        return text().injectNull(0.5);
    }

    /** {@code count} names, distinct. */
    static Arbitrary<List<String>> names(int min, int max) {
        return text().list().ofMinSize(min).ofMaxSize(max).uniqueElements();
    }

    /** SQL text: never blank, often several lines, with or without a final newline. */
    static Arbitrary<String> sql() {
        Arbitrary<String> lines = text().list().ofMinSize(2).ofMaxSize(4).map(parts -> String.join("\n", parts));
        return Arbitraries.oneOf(text(), lines, lines.map(s -> s + "\n")).filter(s -> !s.isBlank());
    }

    /** SQL text or null. */
    static Arbitrary<String> optionalSql() {
        return sql().injectNull(0.6);
    }

    /** A value of every type a bulk insert holds, edge cases included. */
    static Arbitrary<Object> value() {
        return Arbitraries.oneOf(List.of(
                Arbitraries.just(null),
                text(),
                Arbitraries.chars().all(),
                Arbitraries.of(true, false),
                Arbitraries.integers(),
                Arbitraries.longs(),
                Arbitraries.shorts(),
                Arbitraries.bytes(),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40)),
                Combinators.combine(Arbitraries.bigIntegers().between(BigInteger.valueOf(-1_000_000_000_000L),
                        BigInteger.valueOf(1_000_000_000_000L)), Arbitraries.integers().between(-20, 20))
                        .as(BigDecimal::new),
                Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.longs().map(Double::longBitsToDouble),
                        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
                                Double.MIN_VALUE, Double.MAX_VALUE)),
                Arbitraries.oneOf(Arbitraries.floats(), Arbitraries.integers().map(Float::intBitsToFloat),
                        Arbitraries.of(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f,
                                Float.MIN_VALUE, Float.MAX_VALUE)),
                date(),
                time(),
                dateTime(),
                Combinators.combine(time(), offset()).as(OffsetTime::of),
                Combinators.combine(dateTime(), offset()).as(OffsetDateTime::of),
                Combinators.combine(dateTime(), Arbitraries.of("UTC", "Europe/Paris", "America/New_York",
                        "Asia/Kolkata", "Z", "+05:30", "GMT+01:00")).as((at, zone) -> ZonedDateTime.of(at, ZoneId.of(zone))),
                Combinators.combine(Arbitraries.longs().between(-100_000_000_000L, 100_000_000_000L),
                        Arbitraries.integers().between(0, 999_999_999)).as(Instant::ofEpochSecond),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(6),
                Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new)));
    }

    private static Arbitrary<LocalDate> date() {
        // Years about 1400 to 10000: past 9999 the text form gains a sign, which must parse back too.
        return Arbitraries.longs().between(-200_000, 3_000_000).map(LocalDate::ofEpochDay);
    }

    private static Arbitrary<LocalTime> time() {
        return Arbitraries.longs().between(0, 86_399_999_999_999L).map(LocalTime::ofNanoOfDay);
    }

    private static Arbitrary<LocalDateTime> dateTime() {
        return Combinators.combine(date(), time()).as(LocalDateTime::of);
    }

    private static Arbitrary<ZoneOffset> offset() {
        return Arbitraries.integers().between(-18 * 3600, 18 * 3600).map(ZoneOffset::ofTotalSeconds);
    }
}
