package dev.retort.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class DatabaseUrlPropertiesTest {

    @Property
    void percentEncodedPartsComeBackUnchanged(@ForAll("schemes") String scheme, @ForAll("printable") String user,
                                              @ForAll("printable") String password, @ForAll("hosts") String host,
                                              @ForAll @IntRange(min = 1, max = 65535) int port,
                                              @ForAll("printableOrEmpty") String database) {
        String url = scheme + "://" + encode(user) + ":" + encode(password) + "@" + hostInUrl(host) + ":" + port
                + "/" + encode(database);

        assertThat(DatabaseUrl.parse(url)).isEqualTo(new DatabaseUrl(host, port, database, user, password, Map.of()));
    }

    @Property
    void jdbcUrlsWithCredentialParametersComeBackUnchanged(@ForAll("printable") String user,
                                                           @ForAll("printable") String password,
                                                           @ForAll("hosts") String host,
                                                           @ForAll @IntRange(min = 1, max = 65535) int port,
                                                           @ForAll("printableOrEmpty") String database) {
        String url = "jdbc:postgresql://" + hostInUrl(host) + ":" + port + "/" + encode(database)
                + "?user=" + encode(user) + "&password=" + encode(password);

        assertThat(DatabaseUrl.parse(url)).isEqualTo(new DatabaseUrl(host, port, database, user, password, Map.of()));
    }

    @Property
    void unescapedPasswordsHoldingAnAtComeBackUnchanged(@ForAll("schemes") String scheme,
                                                        @ForAll("plainNames") String user,
                                                        @ForAll("passwordsWithAt") String password,
                                                        @ForAll("hosts") String host,
                                                        @ForAll @IntRange(min = 1, max = 65535) int port,
                                                        @ForAll("plainNames") String database) {
        String url = scheme + "://" + user + ":" + password + "@" + hostInUrl(host) + ":" + port + "/" + database;

        assertThat(DatabaseUrl.parse(url)).isEqualTo(new DatabaseUrl(host, port, database, user, password, Map.of()));
    }

    @Property
    void printedFormsNeverContainThePassword(@ForAll("printable") String user, @ForAll("printable") String password,
                                             @ForAll("hosts") String host,
                                             @ForAll @IntRange(min = 1, max = 65535) int port,
                                             @ForAll("printableOrEmpty") String database) {
        String redacted = "postgresql://" + encode(user) + ":***@" + hostInUrl(host) + ":" + port + "/" + encode(database);
        String jdbc = "jdbc:postgresql://" + hostInUrl(host) + ":" + port + "/" + encode(database);
        Assume.that(password.length() >= 3 && !redacted.contains(password) && !jdbc.contains(password));
        // A user with a colon, or a database with the word password, is shown with its rest hidden (a password given
        // in the wrong place): not the form written out above.
        Assume.that(user.indexOf(':') < 0
                && !database.toLowerCase(java.util.Locale.ROOT).matches("(?s).*password\\s*=.*"));

        DatabaseUrl url = DatabaseUrl.parse("postgresql://" + encode(user) + ":" + encode(password) + "@"
                + hostInUrl(host) + ":" + port + "/" + encode(database));

        assertThat(url.toString()).isEqualTo(redacted).doesNotContain(password);
        assertThat(url.redacted()).doesNotContain(password);
        assertThat(url.jdbcUrl()).isEqualTo(jdbc).doesNotContain(password);
        assertThat(url.connectionProperties()).containsEntry("password", password);
    }

    @Property
    void errorMessagesNeverContainThePassword(@ForAll("printable") String password, @ForAll boolean escaped,
                                              @ForAll("badTails") String badTail) {
        Assume.that(password.length() >= 3 && (escaped || password.chars().noneMatch(c -> "/?#%".indexOf(c) >= 0)));
        String written = escaped ? encode(password) : password;

        String message = errorFor("postgresql://user:" + written + "@" + badTail);
        String messageForOtherPassword = errorFor("postgresql://user:" + "Zq9" + "@" + badTail);
        Assume.that(!messageForOtherPassword.contains(password));

        assertThat(message).doesNotContain(password);
    }

    @Property
    void jdbcErrorMessagesNeverContainThePassword(@ForAll("printable") String password,
                                                  @ForAll("badTails") String badTail) {
        // Without credentials before it, an empty host is libpq's "localhost", so that tail is valid here.
        Assume.that(!badTail.startsWith("/"));
        String message = errorFor("jdbc:postgresql://" + badTail + "?user=u&password=" + encode(password));
        String messageForOtherPassword = errorFor("jdbc:postgresql://" + badTail + "?user=u&password=Zq9");
        Assume.that(password.length() >= 3 && !messageForOtherPassword.contains(password));

        assertThat(message).doesNotContain(password);
    }

    private static String errorFor(String url) {
        ConfigException error = catchThrowableOfType(ConfigException.class, () -> DatabaseUrl.parse(url, "DATABASE_URL"));
        assertThat(error).as("a URL with a bad host or port is rejected").isNotNull();
        return error.getMessage();
    }

    @Provide
    Arbitrary<String> schemes() {
        return Arbitraries.of("postgresql", "postgres", "postgresql+asyncpg", "postgresql+psycopg2");
    }

    @Provide
    Arbitrary<String> printable() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(24);
    }

    @Provide
    Arbitrary<String> printableOrEmpty() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(24);
    }

    @Provide
    Arbitrary<String> plainNames() {
        return Arbitraries.strings().alpha().numeric().withChars('_', '.', '-').ofMinLength(1).ofMaxLength(16);
    }

    /** Printable passwords with at least one '@' and none of '/', '?', '#' (which end the host part) or '%' (an escape). */
    @Provide
    Arbitrary<String> passwordsWithAt() {
        Arbitrary<String> part = Arbitraries.strings().withCharRange(' ', '~').excludeChars('/', '?', '#', '%')
                .ofMaxLength(12);
        return Combinators.combine(part, part).as((before, after) -> before + "@" + after);
    }

    @Provide
    Arbitrary<String> hosts() {
        Arbitrary<String> names = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-.")
                .ofMinLength(1).ofMaxLength(30);
        Arbitrary<String> ipv4 = Arbitraries.integers().between(0, 255).list().ofSize(4)
                .map(parts -> String.join(".", parts.stream().map(String::valueOf).toList()));
        Arbitrary<String> ipv6 = Arbitraries.integers().between(0, 0xffff).list().ofMinSize(1).ofMaxSize(7)
                .map(parts -> "::" + String.join(":", parts.stream().map(Integer::toHexString).toList()));
        return Arbitraries.oneOf(names, ipv4, ipv6, Arbitraries.of("localhost", "::1"));
    }

    @Provide
    Arbitrary<String> badTails() {
        return Arbitraries.of("db.example.com:0/d", "db.example.com:65536/d", "db.example.com:54x2/d", "/d",
                ":5432/d", "a,b/d", "[::1/d", "bad host/d", "h/a/b");
    }

    /** RFC 3986 percent-encoding, written independently of the code under test. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static String hostInUrl(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }
}
