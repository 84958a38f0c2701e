package dev.retort.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {
    private static final String GUIDE_URL = "postgresql+asyncpg://postgres:StrongPassw@rd123@localhost:5433/equipment_db";

    @Test
    void parsesTheGuidesUrlWithAnUnescapedAtInThePassword() {
        DatabaseUrl url = DatabaseUrl.parse(GUIDE_URL);

        assertThat(url).extracting(DatabaseUrl::user, DatabaseUrl::password, DatabaseUrl::host, DatabaseUrl::port,
                        DatabaseUrl::database)
                .containsExactly("postgres", "StrongPassw@rd123", "localhost", 5433, "equipment_db");
        assertThat(url.parameters()).isEmpty();
    }

    @Test
    void theGuidesUrlIsRedactedEverywhereItIsShown() {
        DatabaseUrl url = DatabaseUrl.parse(GUIDE_URL);

        assertThat(url.redacted()).isEqualTo("postgresql://postgres:***@localhost:5433/equipment_db");
        assertThat(url.toString()).isEqualTo(url.redacted());
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5433/equipment_db");
        assertThat(url.connectionProperties())
                .containsEntry("user", "postgres")
                .containsEntry("password", "StrongPassw@rd123");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "postgresql://alice:secret@db.example.com:6543/shop",
            "postgres://alice:secret@db.example.com:6543/shop",
            "postgresql+psycopg2://alice:secret@db.example.com:6543/shop",
            "postgresql+asyncpg://alice:secret@db.example.com:6543/shop",
            "POSTGRESQL://alice:secret@db.example.com:6543/shop",
            "jdbc:postgresql://db.example.com:6543/shop?user=alice&password=secret",
            "  postgresql://alice:secret@db.example.com:6543/shop\n",
    })
    void everyAcceptedFormMeansTheSameDatabase(String text) {
        assertThat(DatabaseUrl.parse(text))
                .isEqualTo(new DatabaseUrl("db.example.com", 6543, "shop", "alice", "secret", Map.of()));
    }

    @Test
    void portDefaultsTo5432AndHostToLocalhost() {
        assertThat(DatabaseUrl.parse("postgresql://alice@db/shop"))
                .isEqualTo(new DatabaseUrl("db", 5432, "shop", "alice", null, Map.of()));
        assertThat(DatabaseUrl.parse("postgresql:///shop"))
                .isEqualTo(new DatabaseUrl("localhost", 5432, "shop", null, null, Map.of()));
        assertThat(DatabaseUrl.parse("postgresql://"))
                .isEqualTo(new DatabaseUrl("localhost", 5432, "", null, null, Map.of()));
        assertThat(DatabaseUrl.parse("jdbc:postgresql:shop"))
                .isEqualTo(new DatabaseUrl("localhost", 5432, "shop", null, null, Map.of()));
    }

    @Test
    void takesTheHostAndPortParametersAsLibpqDoes() {
        assertThat(DatabaseUrl.parse("postgresql://alice@/shop?host=db.example.com&port=6543&sslmode=require"))
                .isEqualTo(new DatabaseUrl("db.example.com", 6543, "shop", "alice", null,
                        Map.of("sslmode", "require")));
        assertThat(DatabaseUrl.parse("postgresql://alice@ignored:1/shop?host=::1").jdbcUrl())
                .isEqualTo("jdbc:postgresql://[::1]:1/shop");
    }

    @Test
    void decodesPercentEscapesInUserPasswordAndDatabase() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://b%C3%B8b%3Ax:p%40ss%3Aw%2Frd@localhost/my%20db");

        assertThat(url.user()).isEqualTo("bøb:x");
        assertThat(url.password()).isEqualTo("p@ss:w/rd");
        assertThat(url.database()).isEqualTo("my db");
    }

    @Test
    void keepsABarePercentSignAndAPlusSignAsWritten() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:100%+a%zz%4@h/d");

        assertThat(url.password()).isEqualTo("100%+a%zz%4");
    }

    @Test
    void aPasswordMayHoldColonsAndAts() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:a:b@c@@h:1/d");

        assertThat(url.user()).isEqualTo("u");
        assertThat(url.password()).isEqualTo("a:b@c@");
        assertThat(url.host()).isEqualTo("h");
    }

    @Test
    void acceptsAnIpv6Host() {
        DatabaseUrl withPort = DatabaseUrl.parse("postgresql://u:pw@[::1]:5433/d");
        DatabaseUrl withoutPort = DatabaseUrl.parse("postgresql://[2001:db8::7]/d");

        assertThat(withPort.host()).isEqualTo("::1");
        assertThat(withPort.port()).isEqualTo(5433);
        assertThat(withPort.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/d");
        assertThat(withPort.redacted()).isEqualTo("postgresql://u:***@[::1]:5433/d");
        assertThat(withoutPort.host()).isEqualTo("2001:db8::7");
        assertThat(withoutPort.port()).isEqualTo(5432);
    }

    @Test
    void keepsLibpqParametersAndPassesThemToPgjdbcUnderItsNames() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:pw@h/d?sslmode=require&connect_timeout=10"
                + "&application_name=retort%20cli&target_session_attrs=read-write&prepared_statement_cache_size=0");

        assertThat(url.parameters()).containsExactly(
                Map.entry("sslmode", "require"), Map.entry("connect_timeout", "10"),
                Map.entry("application_name", "retort cli"), Map.entry("target_session_attrs", "read-write"),
                Map.entry("prepared_statement_cache_size", "0"));
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/d?sslmode=require&connectTimeout=10"
                + "&ApplicationName=retort%20cli&targetServerType=primary");
        assertThat(url.connectionProperties())
                .containsEntry("sslmode", "require")
                .containsEntry("connectTimeout", "10")
                .doesNotContainKey("prepared_statement_cache_size");
    }

    @Test
    void asyncpgsSslParameterBecomesAnSslMode() {
        assertThat(DatabaseUrl.parse("postgresql+asyncpg://u@h/d?ssl=require").jdbcUrl())
                .isEqualTo("jdbc:postgresql://h:5432/d?sslmode=require");
        assertThat(DatabaseUrl.parse("postgresql://u@h/d?ssl=true").jdbcUrl())
                .isEqualTo("jdbc:postgresql://h:5432/d?ssl=true");
        assertThat(DatabaseUrl.parse("postgresql://u@h/d?sslmode=verify-full&ssl=require").jdbcUrl())
                .isEqualTo("jdbc:postgresql://h:5432/d?sslmode=verify-full");
    }

    @Test
    void secretParametersStayOutOfTheJdbcUrlAndAreMaskedWhenShown() {
        DatabaseUrl url = DatabaseUrl.parse(
                "jdbc:postgresql://h/d?user=u&password=hunter22&sslpassword=keypass99&sslmode=verify-full");

        assertThat(url.password()).isEqualTo("hunter22");
        assertThat(url.parameters()).doesNotContainKeys("user", "password");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/d?sslmode=verify-full");
        assertThat(url.redacted()).isEqualTo("postgresql://u:***@h:5432/d?sslpassword=***&sslmode=verify-full");
        assertThat(url.connectionProperties()).containsEntry("sslpassword", "keypass99");
    }

    @Test
    void aPasswordUnderANameTheDriverDoesNotKnowIsMaskedToo() {
        // ?pass= and ?pwd= reach no driver, but the user meant a password: the failed connection's message shows it.
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u@h/d?pass=hunter22&pwd=hunter23&application_name=shop");
        assertThat(url.redacted()).isEqualTo("postgresql://u@h:5432/d?pass=***&pwd=***&application_name=shop");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/d?ApplicationName=shop");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u@h:99999/d?pass=hunter22"))
                .hasMessageContaining("(postgresql://***@h:99999/d?pass=***)").hasMessageNotContaining("hunter22");
    }

    @Test
    void pgjdbcReadsTheJdbcUrlAsTheSameDatabase() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:pw@db.example.com:6000/a%2Bb%20c%2Fd?sslmode=disable");

        Properties parsed = org.postgresql.Driver.parseURL(url.jdbcUrl(), url.connectionProperties());

        assertThat(parsed).isNotNull();
        assertThat(parsed.getProperty("PGHOST")).isEqualTo("db.example.com");
        assertThat(parsed.getProperty("PGPORT")).isEqualTo("6000");
        assertThat(parsed.getProperty("PGDBNAME")).isEqualTo("a+b c/d");
        assertThat(parsed.getProperty("sslmode")).isEqualTo("disable");
        assertThat(parsed.getProperty("user")).isEqualTo("u");
        assertThat(parsed.getProperty("password")).isEqualTo("pw");
    }

    @Test
    void fromPartsBuildsTheSameUrlAsTheGuidesDbVariables() {
        DatabaseUrl url = DatabaseUrl.fromParts("localhost", 5433, "equipment_db", "postgres", "StrongPassw@rd123");

        assertThat(url).isEqualTo(DatabaseUrl.parse(GUIDE_URL));
        assertThat(DatabaseUrl.fromParts(null, 5432, null, null, null))
                .isEqualTo(new DatabaseUrl("localhost", 5432, "", null, null, Map.of()));
    }

    @Test
    void aUrlWithoutCredentialsShowsNone() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://h/d");

        assertThat(url.redacted()).isEqualTo("postgresql://h:5432/d");
        assertThat(url.connectionProperties()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mysql://root:Sup3rSecret@h/d                   | uses the scheme 'mysql'",
            "jdbc:mysql://h/d?password=Sup3rSecret          | is a JDBC URL for 'mysql'",
            "Sup3rSecret                                    | is not a database URL",
            "postgresql//u:Sup3rSecret@h/d                  | is not a database URL",
            "postgresql://u:Sup3rSecret@/d                  | names no host after '@'",
            "postgresql://u:Sup3rSecret@:5432/d             | names no host",
            "postgresql://u:Sup3rSecret@h:54x2/d            | has an invalid port",
            "postgresql://u:Sup3rSecret@h:99999/d           | has an invalid port",
            "postgresql://u:Sup3rSecret@h:/d                | has an invalid port",
            "postgresql://u:Sup3rSecret@h1,h2/d             | names several hosts",
            "postgresql://u:Sup3rSecret@%2Ftmp/d            | Unix socket",
            "postgresql://u:Sup3rSecret@h1:5432,h2:5432/d   | names several hosts",
            "postgresql://u:Sup3rSecret@/d?host=/cloudsql/p:r:i | Unix socket directory (/cloudsql/p:r:i)",
            "postgresql:///d?host=%2Fvar%2Frun%2Fpostgresql&password=Sup3rSecret | Unix socket",
            "postgresql://u:Sup3rSecret@h/d?host=h1,h2      | names several hosts",
            "postgresql://u:Sup3rSecret@h/d?port=5x         | has an invalid port",
            "postgresql://u:Sup3rSecret@ho st/d             | invalid host name",
            "postgresql://u:Sup3rSecret@[::1/d              | without ']'",
            "postgresql://u:Sup3rSecret@h/d/e               | more than a database name",
            "postgresql://u:Sup3r/Secret@h/d                | there as %2F (and",
            "postgresql://u:Sup3r/Secret@h/d                | in the user name or password, where it ends the host",
            "postgresql://u:Sup3rSecret#x@h/d               | there as %23 (and",
            "postgresql://u:Sup3r?Secret@h/d                | write them as %2F, %3F and %23",
            "postgresql://u:Sup3r?Secr#t@h/d                | there as %3F (and",
            "postgresql://u@h/d?sslmode                     | not name=value",
            "jdbc:postgresql://h:x/d?user=u&password=Sup3rSecret | has an invalid port",
            "postgresql://u:Sup3rSecret/d                   | has an invalid port",
            "postgresql://u:Sup3rSecret                     | has an invalid port",
            "postgresql://u:Sup3rSecret127.0.0.1:5432/d     | has an invalid port",
            "postgresql://h:5432,u:Sup3rSecret/d            | names several hosts",
    })
    void rejectsBadUrlsNamingTheSourceWithoutThePassword(String text, String problem) {
        assertThatThrownBy(() -> DatabaseUrl.parse(text, "DATABASE_URL in .env"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("DATABASE_URL in .env")
                .hasMessageContaining(problem)
                .message().doesNotContain("Sup3r").doesNotContain("Secret");
    }

    /** The masked URL shows no '#': the message says where it was and what to write instead. */
    @Test
    void saysAHashInThePasswordMustBeWrittenEscaped() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://appuser:WrongPw#1@host/db", "DATABASE_URL"))
                .hasMessage("DATABASE_URL (postgresql://***@host/db) has a '#' before its last '@', in the user name "
                        + "or password, where it ends the host; write a '#' there as %23 (and a '/', '?' or '#' "
                        + "elsewhere in it as %2F, %3F and %23).");
    }

    @Test
    void showsTheFailedUrlWithItsCredentialsMasked() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:Sup3rSecret@db.example.com:99999/d", "--url"))
                .hasMessage("--url (postgresql://***@db.example.com:99999/d) has an invalid port;"
                        + " expected a number from 1 to 65535. Expected a URL like"
                        + " postgresql://user:password@host:port/database.");
    }

    @Test
    void aPasswordWrittenWhereTheUserOrTheDatabaseGoesIsNotShown() {
        assertThat(DatabaseUrl.parse("postgresql://h/appdb?user=app:Sup3rSecret").redacted())
                .isEqualTo("postgresql://app:***@h:5432/appdb");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h:5433/appdb;password=Sup3rSecret").redacted())
                .isEqualTo("postgresql://h:5433/appdb%3Bpassword%3D***");
        assertThat(DatabaseUrl.parse("postgresql://h/my_password_db").redacted())
                .isEqualTo("postgresql://h:5432/my_password_db");
    }

    @Test
    void aUrlWithoutItsAtShowsItsHostWithoutWhatFollowsTheColon() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://app:Sup3rSecret/appdb", "--url"))
                .hasMessageStartingWith("--url (postgresql://app:***) has an invalid port");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://db.example.com:54x2/appdb", "--url"))
                .hasMessageStartingWith("--url (postgresql://db.example.com:***) has an invalid port");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://h1:5432,h2:5433/db", "--url"))
                .hasMessageStartingWith("--url (postgresql://h1:5432,h2:5433/db) names several hosts");
        // A password with the characters that end a host, or of digits only, is hidden whole.
        for (String url : new String[] {"postgresql://app:Sup3r/Secret/db", "postgresql://app:Sup3r,Secret/db",
                "postgresql://app:Sup3r?Secret/db", "postgresql://app:12345678/db"}) {
            assertThatThrownBy(() -> DatabaseUrl.parse(url, "--url")).message().doesNotContain("Sup3r")
                    .doesNotContain("Secret").doesNotContain("12345678");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void rejectsAnEmptyUrl(String text) {
        assertThatThrownBy(() -> DatabaseUrl.parse(text, "--url"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--url is empty");
    }

    @Test
    void recordInvariantsHold() {
        assertThatThrownBy(() -> new DatabaseUrl("h", 0, "d", null, null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DatabaseUrl(" ", 5432, "d", null, null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DatabaseUrl("h", 5432, "d", null, null, Map.of("password", "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new DatabaseUrl("[::1]", 5432, "d", "", "", Map.of()))
                .isEqualTo(new DatabaseUrl("::1", 5432, "d", null, null, Map.of()));
    }
}
