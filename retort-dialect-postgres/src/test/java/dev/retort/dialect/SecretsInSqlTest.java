package dev.retort.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SecretsInSqlTest {
    @Test
    void hidesPasswordLiteralsAndConnectionStringPasswords() {
        assertThat(SecretsInSql.masked("CREATE ROLE app LOGIN PASSWORD 'it''s secret' VALID UNTIL 'infinity'"))
                .isEqualTo("CREATE ROLE app LOGIN PASSWORD '***' VALID UNTIL 'infinity'");
        assertThat(SecretsInSql.masked("alter role app with encrypted password 'x'"))
                .isEqualTo("alter role app with encrypted password '***'");
        assertThat(SecretsInSql.masked("CREATE USER MAPPING FOR app SERVER s OPTIONS (user 'u', password 'p')"))
                .isEqualTo("CREATE USER MAPPING FOR app SERVER s OPTIONS (user 'u', password '***')");
        assertThat(SecretsInSql.masked("SELECT dblink_connect('host=db password=hunter2 dbname=x')"))
                .isEqualTo("SELECT dblink_connect('host=db password=*** dbname=x')");
    }

    @Test
    void hidesPasswordsInEveryQuotingPostgresReads() {
        assertThat(SecretsInSql.masked("CREATE ROLE v PASSWORD $$S3cret'Value$$ NOSUCHOPT"))
                .isEqualTo("CREATE ROLE v PASSWORD $$***$$ NOSUCHOPT");
        assertThat(SecretsInSql.masked("CREATE ROLE v PASSWORD $pw$S3cret$$Value$pw$"))
                .isEqualTo("CREATE ROLE v PASSWORD $pw$***$pw$");
        assertThat(SecretsInSql.masked("CREATE ROLE v PASSWORD E'S3cret\\'Value' LOGIN"))
                .isEqualTo("CREATE ROLE v PASSWORD E'***' LOGIN");
        assertThat(SecretsInSql.masked("CREATE ROLE v PASSWORD /* set by ops */ 'S3cretValue'"))
                .isEqualTo("CREATE ROLE v PASSWORD /* set by ops */ '***'");
        assertThat(SecretsInSql.masked("CREATE ROLE v PASSWORD /* ops /* nested */ note */ 'S3cretValue'"))
                .isEqualTo("CREATE ROLE v PASSWORD /* ops /* nested */ note */ '***'");
        assertThat(SecretsInSql.masked("DO $$ BEGIN EXECUTE 'CREATE ROLE q PASSWORD ''S3cretValue'' IN ROLE x'; END $$"))
                .isEqualTo("DO $$ BEGIN EXECUTE 'CREATE ROLE q PASSWORD ''***'' IN ROLE x'; END $$");
        assertThat(SecretsInSql.masked("SELECT dblink_connect('host=db password = ''S3cret'' dbname=x')"))
                .isEqualTo("SELECT dblink_connect('host=db password = ''***'' dbname=x')");
        assertThat(SecretsInSql.masked("ALTER ROLE a PASSWORD 'one'; ALTER ROLE b PASSWORD 'two'"))
                .isEqualTo("ALTER ROLE a PASSWORD '***'; ALTER ROLE b PASSWORD '***'");
    }

    /** U&'...' is a string too: its U& prefix was taken for the password, and the password shown after it. */
    @Test
    void hidesAPasswordWrittenWithUnicodeEscapes() {
        assertThat(SecretsInSql.masked("CREATE ROLE app PASSWORD U&'S3cret\\0041'"))
                .isEqualTo("CREATE ROLE app PASSWORD U&'***'");
        assertThat(SecretsInSql.masked("ALTER ROLE app PASSWORD u&'S3cret!0041' UESCAPE '!' LOGIN"))
                .isEqualTo("ALTER ROLE app PASSWORD u&'***' UESCAPE '!' LOGIN");
        assertThat(SecretsInSql.values("CREATE ROLE app PASSWORD U&'it''s S3cret'")).containsExactly("it''s S3cret");
        assertThat(SecretsInSql.masked("SELECT dblink_connect(U&'host=db password=hunter2 dbname=x')"))
                .isEqualTo("SELECT dblink_connect(U&'host=db password=*** dbname=x')");
    }

    /** The driver's message quotes the server's detail as it is, on a line of its own, which --debug shows. */
    @Test
    void hidesTheValuesOfAKeyOverAPasswordColumnThatAnErrorQuotes() {
        assertThat(SecretsInSql.masked("ERROR: could not create unique index \"u\"\n  Detail: Key (password_hash)="
                + "(HASHLEAK1) is duplicated.\n  at dev.retort.runtime.Runner"))
                .isEqualTo("ERROR: could not create unique index \"u\"\n  Detail: Key (password_hash)=(***) is "
                        + "duplicated.\n  at dev.retort.runtime.Runner");
        assertThat(SecretsInSql.masked("Key (email, lower(\"password\"))=(a@example.com, s3(c)ret) already exists."))
                .isEqualTo("Key (email, lower(\"password\"))=(***) already exists.");
        assertThat(SecretsInSql.masked("Key (pw_hash)=(x) conflicts with existing key (password_digest)=(S3cret)."))
                .isEqualTo("Key (pw_hash)=(x) conflicts with existing key (password_digest)=(***).");
        assertThat(SecretsInSql.masked("Detail: Key (password_hash)=(cut short"))
                .isEqualTo("Detail: Key (password_hash)=(***");
        assertThat(SecretsInSql.masked("Key (email, password_reset_at)=(a@example.com, 2026-01-01) already exists."))
                .isEqualTo("Key (email, password_reset_at)=(a@example.com, 2026-01-01) already exists.");
    }

    @Test
    void hidesThePasswordOfAUrl() {
        // dblink and postgres_fdw take a URL too, and a failed statement is quoted in Retort's error.
        assertThat(SecretsInSql.masked("SELECT dblink_connect('postgresql://app:S3cr3t-Pa55@db:5432/shop')"))
                .isEqualTo("SELECT dblink_connect('postgresql://app:***@db:5432/shop')");
        // The user part ends at the last '@' before the host, as Retort reads URLs.
        assertThat(SecretsInSql.masked("Unknown option: '--url=postgres://app:StrongPassw@rd123@db/shop'"))
                .isEqualTo("Unknown option: '--url=postgres://app:***@db/shop'");
        assertThat(SecretsInSql.masked("'//app:it's%40s3cret@db:5432/shop' is a range FROM:TO"))
                .isEqualTo("'//app:***@db:5432/shop' is a range FROM:TO");
        assertThat(SecretsInSql.masked("jdbc:postgresql://:S3cr3t@db/shop and postgresql://u:p@h"))
                .isEqualTo("jdbc:postgresql://:***@db/shop and postgresql://u:***@h");
    }

    /**
     * A URL's password parameter ends at the next parameter, and one hidden before keeps the parenthesis a message
     * closes after it: "DATABASE_URL in .env (jdbc:...&password=*** has ..." lost its ")".
     */
    @Test
    void keepsWhatFollowsAPasswordParameterOfAUrl() {
        assertThat(SecretsInSql.masked("DATABASE_URL in .env (jdbc:postgresql://h/db?user=app&password=***) has a"))
                .isEqualTo("DATABASE_URL in .env (jdbc:postgresql://h/db?user=app&password=***) has a");
        assertThat(SecretsInSql.masked("(jdbc:postgresql://h/db?password=S3cr3t&ssl) has"))
                .isEqualTo("(jdbc:postgresql://h/db?password=***&ssl) has");
        assertThat(SecretsInSql.masked("(jdbc:postgresql://h/db?password=***&ssl). Expected"))
                .isEqualTo("(jdbc:postgresql://h/db?password=***&ssl). Expected");
        assertThat(SecretsInSql.masked("'host=db password=S3&cr3t dbname=x'"))
                .isEqualTo("'host=db password=*** dbname=x'");
    }

    @Test
    void hidesAPasswordWhoseNameHasAPrefix() {
        assertThat(SecretsInSql.masked("was postgresql://db/shop?sslmode=require&sslpassword=S3cr3t"))
                .isEqualTo("was postgresql://db/shop?sslmode=require&sslpassword=***");
        assertThat(SecretsInSql.masked("-x DB_PASSWORD=S3cr3t")).isEqualTo("-x DB_PASSWORD=***");
    }

    @Test
    void aPasswordWordInsideAStringIsANameAndHidesOnlyItsValue() {
        // This masked ", " (the text between the two strings) and showed 'x': ('smtp_password'***'x').
        assertThat(SecretsInSql.masked("INSERT INTO settings VALUES ('smtp_password', 'x'), ('note', 'password is y')"))
                .isEqualTo("INSERT INTO settings VALUES ('smtp_password', '***'), ('note', 'password is y')");
        assertThat(SecretsInSql.masked("SELECT set_config('app.password', 'S3cret', false)"))
                .isEqualTo("SELECT set_config('app.password', '***', false)");
        assertThat(SecretsInSql.masked("UPDATE s SET v = jsonb_build_object('password', 'S3cret') WHERE k = 'db'"))
                .isEqualTo("UPDATE s SET v = jsonb_build_object('password', '***') WHERE k = 'db'");
        assertThat(SecretsInSql.masked("INSERT INTO s VALUES ('{\"user\": \"a\", \"password\": \"S3\\\"c\"}')"))
                .isEqualTo("INSERT INTO s VALUES ('{\"user\": \"a\", \"password\": \"***\"}')");
        assertThat(SecretsInSql.masked("UPDATE users SET \"password\" = 'S3cret' WHERE id = 1"))
                .isEqualTo("UPDATE users SET \"password\" = '***' WHERE id = 1");
        String nested = "DO $$ BEGIN EXECUTE 'INSERT INTO s VALUES (''db_password'', ''S3cret'')'; END $$";
        assertThat(SecretsInSql.masked(nested))
                .isEqualTo("DO $$ BEGIN EXECUTE 'INSERT INTO s VALUES (''db_password'', ''***'')'; END $$");
        // A string that ends with the word but names nothing, and a name with no value after it, hide nothing.
        for (String kept : new String[] {"INSERT INTO notes VALUES ('reset your password', 'see the wiki')",
                "DELETE FROM settings WHERE k = 'smtp_password' AND v = 'x'",
                "SELECT current_setting('app.password')", "CREATE TABLE t (\"password\" text, note text)"}) {
            assertThat(SecretsInSql.masked(kept)).isEqualTo(kept);
        }
        // The keyword right before its literal, which PostgreSQL reads too, is still the keyword.
        assertThat(SecretsInSql.masked("CREATE ROLE v PASSWORD'S3cretValue' LOGIN"))
                .isEqualTo("CREATE ROLE v PASSWORD'***' LOGIN");
    }

    @Test
    void aRolesPasswordWrittenWithoutQuotesIsHiddenAndSoIsTheServersQuoteOfIt() {
        // The server refuses it with: syntax error at or near "Hunter2secret".
        String sql = "CREATE ROLE app LOGIN PASSWORD Hunter2secret VALID UNTIL 'infinity'";
        assertThat(SecretsInSql.masked(sql)).isEqualTo("CREATE ROLE app LOGIN PASSWORD *** VALID UNTIL 'infinity'");
        assertThat(SecretsInSql.values(sql)).containsExactly("Hunter2secret");
        assertThat(SecretsInSql.hiddenIn("ERROR: syntax error at or near \"Hunter2secret\"", sql))
                .isEqualTo("ERROR: syntax error at or near \"***\"");
        assertThat(SecretsInSql.masked("failed at statement `ALTER USER app WITH PASSWORD Hunter2secret`: ERROR"))
                .isEqualTo("failed at statement `ALTER USER app WITH PASSWORD ***`: ERROR");
        // A column named password is followed by its type, and a role may be given no password.
        for (String kept : new String[] {"CREATE TABLE users (id int, password text NOT NULL)",
                "ALTER TABLE users ALTER COLUMN password TYPE varchar(200)", "ALTER ROLE app PASSWORD NULL",
                "CREATE ROLE app; CREATE TABLE t (password text)"}) {
            assertThat(SecretsInSql.masked(kept)).isEqualTo(kept);
            assertThat(SecretsInSql.values(kept)).isEmpty();
        }
    }

    @Test
    void hidesThePasswordColumnOfEveryRowOfAnInsert() {
        assertThat(SecretsInSql.masked("INSERT INTO t (name, password) VALUES ('a', 'secret1'), ('b', 'secret2')"))
                .isEqualTo("INSERT INTO t (name, password) VALUES ('a', '***'), ('b', '***')");
        String sql = "INSERT INTO app.\"Users\" AS u (\"Password\", name, db_password) VALUES\n"
                + "  ('secret1', 'a', E'it\\'s'),\n  ($$secret2$$, 'b', 'secret3')\n"
                + "ON CONFLICT (name) DO UPDATE SET \"Password\" = EXCLUDED.\"Password\" RETURNING id, password";
        assertThat(SecretsInSql.masked(sql)).isEqualTo("INSERT INTO app.\"Users\" AS u (\"Password\", name, "
                + "db_password) VALUES\n  ('***', 'a', E'***'),\n  ($$***$$, 'b', '***')\n"
                + "ON CONFLICT (name) DO UPDATE SET \"Password\" = EXCLUDED.\"Password\" RETURNING id, password");
        assertThat(SecretsInSql.values(sql)).containsExactlyInAnyOrder("secret1", "it\\'s", "secret2", "secret3");
        // The server quotes a value back: invalid input syntax for type integer: "secret2".
        assertThat(SecretsInSql.hiddenIn("ERROR: invalid input syntax for type integer: \"secret2\"", sql))
                .isEqualTo("ERROR: invalid input syntax for type integer: \"***\"");
        assertThat(SecretsInSql.masked("INSERT INTO users (email, password) SELECT 'a@b.c', crypt('secret1', "
                + "gen_salt('bf')) WHERE NOT EXISTS (SELECT 1 FROM users WHERE email = 'a@b.c')"))
                .isEqualTo("INSERT INTO users (email, password) SELECT 'a@b.c', crypt('***', gen_salt('bf')) WHERE "
                        + "NOT EXISTS (SELECT 1 FROM users WHERE email = 'a@b.c')");
        assertThat(SecretsInSql.masked("DO $$ BEGIN INSERT INTO t (password, name) VALUES ('secret1', 'a'), "
                + "('secret2', 'b'); EXECUTE 'INSERT INTO t (name, password) VALUES (''c'', ''secret3'')'; END $$"))
                .isEqualTo("DO $$ BEGIN INSERT INTO t (password, name) VALUES ('***', 'a'), ('***', 'b'); "
                        + "EXECUTE 'INSERT INTO t (name, password) VALUES (''c'', ''***'')'; END $$");
    }

    @Test
    void hidesThePasswordAnUpdateSetsAlsoAsAnExpression() {
        assertThat(SecretsInSql.masked("UPDATE users SET password = crypt('secret1', gen_salt('bf', 8)) WHERE id = 1"))
                .isEqualTo("UPDATE users SET password = crypt('***', gen_salt('bf', 8)) WHERE id = 1");
        assertThat(SecretsInSql.masked("UPDATE users SET (name, password) = ('a', 'secret1') WHERE id = 1"))
                .isEqualTo("UPDATE users SET (name, password) = ('a', '***') WHERE id = 1");
        assertThat(SecretsInSql.masked("UPDATE users SET note = 'n', password = md5('secret1' || name) WHERE id = 1"))
                .isEqualTo("UPDATE users SET note = 'n', password = md5('***' || name) WHERE id = 1");
        assertThat(SecretsInSql.masked("INSERT INTO users (email, password_hash) VALUES ('a@b', crypt('secret1', "
                + "gen_salt('bf')))")).isEqualTo("INSERT INTO users (email, password_hash) VALUES ('a@b', "
                        + "crypt('***', gen_salt('bf')))");
        // What names no password is left: a column, a function's call, NULL, the row that conflicted.
        for (String kept : new String[] {"UPDATE users SET password = crypt(password, gen_salt('bf'))",
                "UPDATE t SET password = NULL WHERE id = 1", "UPDATE t SET password = p.password FROM p WHERE p.id = 1",
                "INSERT INTO t (name, password) VALUES ('a', DEFAULT), ('b', NULL) RETURNING password",
                "INSERT INTO t (id, email) VALUES (1, 'a@b'), (2, 'c@d')",
                "UPDATE users SET email = 'x' WHERE password IS NULL", "ALTER TABLE t SET (fillfactor = 70)",
                "SET password_encryption = 'scram-sha-256'", "SET search_path = app, public"}) {
            assertThat(SecretsInSql.masked(kept)).isEqualTo(kept);
        }
        assertThat(SecretsInSql.masked("INSERT INTO t (id, password) VALUES (1, 'x') ON CONFLICT (id) DO UPDATE "
                + "SET password = EXCLUDED.password")).isEqualTo("INSERT INTO t (id, password) VALUES (1, '***') "
                        + "ON CONFLICT (id) DO UPDATE SET password = EXCLUDED.password");
    }

    @Test
    void hidesASettingNamedLikeASecret() {
        assertThat(SecretsInSql.masked("ALTER DATABASE app SET app.password TO 'S3cretValue'"))
                .isEqualTo("ALTER DATABASE app SET app.password TO '***'");
        // PostgREST's own instructions: the key that signs its tokens, as a database setting.
        assertThat(SecretsInSql.masked("ALTER DATABASE app SET \"app.jwt_secret\" TO 'reallyreallyreallyreallysafe'"))
                .isEqualTo("ALTER DATABASE app SET \"app.jwt_secret\" TO '***'");
        assertThat(SecretsInSql.masked("ALTER ROLE app IN DATABASE app SET app.api_key = 'sk_live_123'"))
                .isEqualTo("ALTER ROLE app IN DATABASE app SET app.api_key = '***'");
        assertThat(SecretsInSql.masked("SET LOCAL app.stripe_token = 'tok_123'; SELECT 1"))
                .isEqualTo("SET LOCAL app.stripe_token = '***'; SELECT 1");
        assertThat(SecretsInSql.masked("SELECT set_config('app.jwt_secret', 'reallyreallyreallyreallysafe', false)"))
                .isEqualTo("SELECT set_config('app.jwt_secret', '***', false)");
        assertThat(SecretsInSql.masked("INSERT INTO settings (k, v) VALUES ('smtp_api_key', 'key-123'), ('a', 'b')"))
                .isEqualTo("INSERT INTO settings (k, v) VALUES ('smtp_api_key', '***'), ('a', 'b')");
        // A setting or a column that only has such a word inside its name holds no secret.
        for (String kept : new String[] {"SET app.token_ttl = '3600'", "SET statement_timeout TO '5s'",
                "ALTER DATABASE app SET app.tenant = 'x'", "UPDATE t SET key = 'k'",
                "SELECT current_setting('app.jwt_secret')", "CREATE INDEX ON sessions (token)"}) {
            assertThat(SecretsInSql.masked(kept)).isEqualTo(kept);
        }
    }

    @Test
    void hidesAPasswordABlockPutsIntoTheStatementItExecutes() {
        assertThat(SecretsInSql.masked("DO $$ BEGIN EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', 'app', "
                + "'S3cretValue'); END $$")).isEqualTo("DO $$ BEGIN EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', "
                        + "'app', '***'); END $$");
        assertThat(SecretsInSql.masked("SELECT dblink_connect(format('host=%s password=%2$s user=%1$s', 'db', "
                + "'S3cretValue'))")).isEqualTo("SELECT dblink_connect(format('host=%s password=%2$s user=%1$s', "
                        + "'db', '***'))");
        assertThat(SecretsInSql.masked("DO $$ BEGIN EXECUTE 'ALTER ROLE app PASSWORD ' || quote_literal('S3cretValue');"
                + " END $$"))
                .isEqualTo("DO $$ BEGIN EXECUTE 'ALTER ROLE app PASSWORD ' || quote_literal('***'); END $$");
        assertThat(SecretsInSql.masked("DO $$ BEGIN EXECUTE 'ALTER ROLE app PASSWORD ''' || 'S3cretValue' || ''''; "
                + "END $$")).isEqualTo("DO $$ BEGIN EXECUTE 'ALTER ROLE app PASSWORD ''' || '***' || ''''; END $$");
        // A variable holds the password: nothing to hide, and the statement stays whole.
        for (String kept : new String[] {
                "DO $$ BEGIN EXECUTE 'ALTER ROLE ' || quote_ident(r) || ' PASSWORD ''' || pw || ''''; END $$",
                "DO $$ BEGIN EXECUTE format('ALTER ROLE %I PASSWORD %L', r, pw); END $$",
                "SELECT format('%s: password expired', name) FROM users"}) {
            assertThat(SecretsInSql.masked(kept)).isEqualTo(kept);
        }
    }

    @Test
    void hidesTheKeyOfPgcryptosFunctions() {
        assertThat(SecretsInSql.masked("UPDATE people SET ssn = pgp_sym_encrypt(ssn_plain, 'EncryptionKey1')"))
                .isEqualTo("UPDATE people SET ssn = pgp_sym_encrypt(ssn_plain, '***')");
        assertThat(SecretsInSql.masked("SELECT hmac('data', 'SigningKey1', 'sha256'), crypt('S3cret', "
                + "gen_salt('md5'))"))
                .isEqualTo("SELECT hmac('data', '***', 'sha256'), crypt('***', gen_salt('md5'))");
    }

    @Test
    void masksALargeStatementInTimeLinearInItsLength() {
        // A data migration's DO block of 40,000 statements, each naming a password column: reading back to the start
        // of the text for each of them took about twelve seconds.
        StringBuilder block = new StringBuilder("DO $$ BEGIN\n");
        for (int i = 0; i < 40_000; i++) {
            block.append("EXECUTE 'INSERT INTO t (name, password) VALUES (''a").append(i).append("'', ''s").append(i)
                    .append("'')';\n");
        }
        String sql = block.append("END $$").toString();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long started = threads.getCurrentThreadCpuTime();

        String masked = SecretsInSql.masked(sql);

        // Processor time, so that a machine busy with other work does not fail it.
        assertThat(Duration.ofNanos(threads.getCurrentThreadCpuTime() - started)).isLessThan(Duration.ofSeconds(4));
        assertThat(masked).contains("VALUES (''a39999'', ''***'')").doesNotContain("''s39999''");
    }

    @Test
    void hidesTheValueOfAColumnThatHoldsAPasswordsHash() {
        for (String column : new String[] {"password_hash", "passwd_hash", "password_digest", "encrypted_password",
                "user2_password", "db_password2", "passwd", "\"Password_Hash\"", "PASSWORD_HASHED"}) {
            assertThat(SecretsInSql.masked("INSERT INTO users (name, " + column + ") VALUES ('a', 'S3cretValue')"))
                    .as(column).isEqualTo("INSERT INTO users (name, " + column + ") VALUES ('a', '***')");
            assertThat(SecretsInSql.masked("UPDATE users SET " + column + " = 'S3cretValue' WHERE name = 'a'"))
                    .as(column).isEqualTo("UPDATE users SET " + column + " = '***' WHERE name = 'a'");
        }
        assertThat(SecretsInSql.masked("DELETE FROM users WHERE password_digest = 'S3cretValue'"))
                .isEqualTo("DELETE FROM users WHERE password_digest = '***'");
        // Its hash given back in a conflict is no value of the statement's.
        String conflict = "INSERT INTO users (id, password_hash) VALUES (1, NULL) ON CONFLICT (id) DO UPDATE "
                + "SET password_hash = EXCLUDED.password_hash";
        assertThat(SecretsInSql.masked(conflict)).isEqualTo(conflict);
    }

    @Test
    void hidesTheLiteralDefaultOfAPasswordColumn() {
        assertThat(SecretsInSql.masked("ALTER TABLE admins ALTER COLUMN password SET DEFAULT 'Default#Pass1'"))
                .isEqualTo("ALTER TABLE admins ALTER COLUMN password SET DEFAULT '***'");
        assertThat(SecretsInSql.masked("ALTER TABLE admins ALTER password SET DEFAULT 'a' || 'b', "
                + "ALTER name SET DEFAULT 'bob'"))
                .isEqualTo("ALTER TABLE admins ALTER password SET DEFAULT '***' || '***', "
                        + "ALTER name SET DEFAULT 'bob'");
        assertThat(SecretsInSql.masked("CREATE TABLE mail (id bigint, \"smtp_password\" varchar(40) DEFAULT "
                + "'Hunter2!Pass'::text NOT NULL CHECK (smtp_password <> 'x'), note text DEFAULT 'n')"))
                .isEqualTo("CREATE TABLE mail (id bigint, \"smtp_password\" varchar(40) DEFAULT '***'::text NOT NULL "
                        + "CHECK (smtp_password <> 'x'), note text DEFAULT 'n')");
        assertThat(SecretsInSql.masked("ALTER TABLE mail ADD COLUMN IF NOT EXISTS db_password2 text DEFAULT "
                + "E'S3cret'"))
                .isEqualTo("ALTER TABLE mail ADD COLUMN IF NOT EXISTS db_password2 text DEFAULT E'***'");
        assertThat(SecretsInSql.masked("ALTER TABLE mail ADD password_hash text DEFAULT crypt('S3cret', "
                + "gen_salt('bf'))")).isEqualTo("ALTER TABLE mail ADD password_hash text DEFAULT crypt('***', "
                + "gen_salt('bf'))");
        for (String kept : new String[] {"ALTER TABLE admins ALTER COLUMN password SET DEFAULT NULL",
                "ALTER TABLE admins ALTER COLUMN password DROP DEFAULT",
                "CREATE TABLE t (password_reset_at timestamptz DEFAULT '2026-01-01', password text)",
                "ALTER TABLE t ADD COLUMN password text DEFAULT current_setting('app.initial_password')",
                "INSERT INTO t (note, password) VALUES ('keep', DEFAULT)",
                "ALTER ROLE app SET password_encryption TO DEFAULT",
                "CREATE DOMAIN password AS text DEFAULT 'n'",
                "CREATE TABLE users (id int, must_change_password boolean NOT NULL DEFAULT 'false')",
                "ALTER TABLE users ADD COLUMN require_password bool DEFAULT 'f'",
                "ALTER TABLE users ALTER COLUMN must_change_password SET DEFAULT 'true'"}) {
            assertThat(SecretsInSql.masked(kept)).as(kept).isEqualTo(kept);
        }
    }

    @Test
    void aFlagsBooleanDefaultIsNoPasswordInAnyFormItIsWrittenInNorInAMessageQuotingIt() {
        for (String flag : new String[] {"ALTER TABLE u ALTER COLUMN must_change_password SET DEFAULT 'true'::boolean",
                "ALTER TABLE u ALTER COLUMN must_change_password SET DEFAULT ('false')",
                "ALTER TABLE u ALTER COLUMN must_change_password SET DEFAULT CAST('false' AS boolean)",
                "ALTER TABLE u ALTER COLUMN must_change_password SET DEFAULT 'false'",
                "ALTER TABLE u ALTER COLUMN must_change_password SET DEFAULT (('OFF'))::pg_catalog.bool",
                "ALTER TABLE u ALTER must_change_password SET DEFAULT ' Yes '::\"bool\"",
                "ALTER TABLE u ALTER COLUMN must_change_password SET DEFAULT CAST(('0') AS BOOL)",
                "ALTER TABLE u ALTER COLUMN must_change_password SET DEFAULT boolean 'tru'",
                "ALTER TABLE u ADD COLUMN must_change_password boolean DEFAULT 'false'",
                "ALTER TABLE u ADD COLUMN x_password \"boolean\" DEFAULT 'true'",
                "CREATE TABLE u (id int, require_password bool DEFAULT ('1')::boolean NOT NULL, note text)"}) {
            assertThat(SecretsInSql.masked(flag)).as(flag).isEqualTo(flag);
            assertThat(SecretsInSql.values(flag)).as(flag).isEmpty();
            String message = failedAt(flag);
            assertThat(SecretsInSql.masked(message)).as(message).isEqualTo(message);
        }
    }

    @Test
    void aPasswordDefaultThatNoBooleanReadsIsHiddenInItsStatementAndInAMessageQuotingIt() {
        String[][] hidden = {
                {"ALTER TABLE u ALTER COLUMN password SET DEFAULT 'hunter2'",
                        "ALTER TABLE u ALTER COLUMN password SET DEFAULT '***'"},
                {"ALTER TABLE u ALTER COLUMN password SET DEFAULT 's3cret'::text",
                        "ALTER TABLE u ALTER COLUMN password SET DEFAULT '***'::text"},
                {"ALTER TABLE u ALTER COLUMN password SET DEFAULT CAST('s3cret' AS boolean)",
                        "ALTER TABLE u ALTER COLUMN password SET DEFAULT CAST('***' AS boolean)"},
                // Cast to text, a boolean's word is the password "false"; 'o' and 'truest' are no boolean's.
                {"ALTER TABLE u ALTER COLUMN password SET DEFAULT 'false'::text",
                        "ALTER TABLE u ALTER COLUMN password SET DEFAULT '***'::text"},
                {"ALTER TABLE u ALTER COLUMN password SET DEFAULT ('truest')",
                        "ALTER TABLE u ALTER COLUMN password SET DEFAULT ('***')"},
                {"ALTER TABLE u ADD COLUMN db_password text DEFAULT 'o'",
                        "ALTER TABLE u ADD COLUMN db_password text DEFAULT '***'"},
                {"ALTER TABLE u ALTER COLUMN password SET DEFAULT 'f' || 'hunter2'",
                        "ALTER TABLE u ALTER COLUMN password SET DEFAULT '***' || '***'"}};
        for (String[] statement : hidden) {
            assertThat(SecretsInSql.masked(statement[0])).isEqualTo(statement[1]);
            assertThat(SecretsInSql.masked(failedAt(statement[0]))).isEqualTo(failedAt(statement[1]));
        }
    }

    /** A failed statement's message, as Retort quotes the statement: in backticks, with the server's error after. */
    private static String failedAt(String sql) {
        return "Upgrade of revision a00000000001 failed at statement `" + sql + "`: ERROR: relation \"u\" does not "
                + "exist. The revision was rolled back; the database stays at base (no revision).";
    }

    @Test
    void leavesTheDatesOfAPasswordReadable() {
        // Named for a password, they say when something happened to it: an error about them must show them.
        for (String column : new String[] {"password_reset_at", "password_changed_at", "password_expires",
                "password_hash_algorithm", "passwords_count"}) {
            String insert = "INSERT INTO users (name, " + column + ") VALUES ('a', '2026-01-01')";
            assertThat(SecretsInSql.masked(insert)).as(column).isEqualTo(insert);
            String update = "UPDATE users SET " + column + " = '2026-01-01' WHERE name = 'a'";
            assertThat(SecretsInSql.masked(update)).as(column).isEqualTo(update);
            TableColumns columns = new TableColumns();
            columns.learn("CREATE TABLE users (name text, " + column + " text)");
            String listless = "INSERT INTO users VALUES ('a', '2026-01-01')";
            assertThat(SecretsInSql.masked(listless, columns)).as(column).isEqualTo(listless);
        }
    }

    @Test
    void hidesThePasswordOfAnInsertThatListsNoColumnsByItsTablesColumns() {
        TableColumns columns = new TableColumns();
        columns.learn("CREATE TABLE accounts (name text PRIMARY KEY, password text NOT NULL, \"Note\" text, "
                + "CONSTRAINT named CHECK (name <> ''), UNIQUE (password))");
        assertThat(SecretsInSql.masked("INSERT INTO accounts VALUES ('a', 's3cret', 'n'), ('b', E'x\\'y', 'm')",
                columns)).isEqualTo("INSERT INTO accounts VALUES ('a', '***', 'n'), ('b', E'***', 'm')");
        // Named otherwise than the run made it, the table may be another one: every string is hidden.
        assertThat(SecretsInSql.values("INSERT INTO public.accounts AS a VALUES ('a', 's3cret', 'n')", columns))
                .containsExactly("a", "s3cret", "n");
        assertThat(SecretsInSql.masked("INSERT INTO accounts SELECT 'a', 's3cret', 'n'", columns))
                .isEqualTo("INSERT INTO accounts SELECT 'a', '***', 'n'");
        assertThat(SecretsInSql.masked("DO $$ BEGIN INSERT INTO accounts VALUES ('a', 's3cret', 'n'); END $$",
                columns)).isEqualTo("DO $$ BEGIN INSERT INTO accounts VALUES ('a', '***', 'n'); END $$");
        // Columns added, renamed and dropped move the values that follow them.
        columns.learn("ALTER TABLE accounts ADD COLUMN db_password2 text, DROP COLUMN \"Note\"");
        columns.learn("ALTER TABLE accounts RENAME COLUMN password TO nickname");
        columns.learn("ALTER TABLE IF EXISTS ONLY accounts ADD COLUMN IF NOT EXISTS name text");
        assertThat(SecretsInSql.masked("INSERT INTO accounts VALUES ('a', 'n', 's3cret')", columns))
                .isEqualTo("INSERT INTO accounts VALUES ('a', 'n', '***')");
        // A value past the columns known: the table gained one this reading did not follow.
        assertThat(SecretsInSql.masked("INSERT INTO accounts VALUES ('a', 'n', 'x', 's3cret')", columns))
                .isEqualTo("INSERT INTO accounts VALUES ('a', 'n', '***', '***')");
        // A table with no password column, whose values a password's name may stand among, as a setting's.
        columns.learn("CREATE TABLE settings (k text, v text)");
        assertThat(SecretsInSql.masked("INSERT INTO settings VALUES ('smtp_password', 'x1'), ('color', 'red')",
                columns)).isEqualTo("INSERT INTO settings VALUES ('smtp_password', '***'), ('color', 'red')");
    }

    @Test
    void aTableNotSurelyTheOneTheRunMadeHasNoKnownColumns() {
        TableColumns columns = new TableColumns();
        // Made in one schema, filled in another of the same name.
        columns.learn("CREATE TABLE audit.users (changed_at timestamptz, id int, name text)");
        assertThat(SecretsInSql.masked("INSERT INTO public.users VALUES (1, 'bob', 's3cret')", columns))
                .isEqualTo("INSERT INTO public.users VALUES (1, '***', '***')");
        assertThat(SecretsInSql.masked("INSERT INTO users VALUES (1, 'bob', 's3cret')", columns))
                .isEqualTo("INSERT INTO users VALUES (1, '***', '***')");
        assertThat(SecretsInSql.masked("INSERT INTO audit.users VALUES (now(), 1, 'bob')", columns))
                .isEqualTo("INSERT INTO audit.users VALUES (now(), 1, 'bob')");
        // Made in two schemas under one name.
        columns.learn("CREATE TABLE app.users (id int, name text, password text)");
        assertThat(SecretsInSql.masked("INSERT INTO app.users VALUES (1, 'bob', 's3cret')", columns))
                .isEqualTo("INSERT INTO app.users VALUES (1, '***', '***')");
        // IF NOT EXISTS over a table that may be there with other columns.
        columns.learn("CREATE TABLE IF NOT EXISTS notes (id int, note text)");
        assertThat(SecretsInSql.masked("INSERT INTO notes VALUES (1, 'pw')", columns))
                .isEqualTo("INSERT INTO notes VALUES (1, '***')");
    }

    @Test
    void aTableConstraintIsNoColumnAndAColumnNamedExcludeIsOne() {
        TableColumns columns = new TableColumns();
        columns.learn("CREATE TABLE accounts (id int, NOT NULL id, name text, password text)");
        assertThat(SecretsInSql.masked("INSERT INTO accounts VALUES (1, 'bob', 's3cret')", columns))
                .isEqualTo("INSERT INTO accounts VALUES (1, 'bob', '***')");
        columns.learn("CREATE TABLE rules (exclude text, password text, EXCLUDE USING gist (exclude WITH =))");
        assertThat(SecretsInSql.masked("INSERT INTO rules VALUES ('x', 's3cret')", columns))
                .isEqualTo("INSERT INTO rules VALUES ('x', '***')");
    }

    @Test
    void hidesThePasswordOfAQueryInParentheses() {
        TableColumns columns = new TableColumns();
        columns.learn("CREATE TABLE users (name text, password text)");
        assertThat(SecretsInSql.masked("INSERT INTO users (SELECT 'bob', 's3cret')", columns))
                .isEqualTo("INSERT INTO users (SELECT 'bob', '***')");
        assertThat(SecretsInSql.masked("INSERT INTO users (name, password) ((VALUES ('bob', 's3cret')))", columns))
                .isEqualTo("INSERT INTO users (name, password) ((VALUES ('bob', '***')))");
    }

    @Test
    void hidesEveryStringOfAnInsertThatListsNoColumnsIntoATableNotKnown() {
        TableColumns columns = new TableColumns((schema, table) -> table.equals("from_catalog")
                ? java.util.Optional.of(java.util.List.of("id", "user_password")) : java.util.Optional.empty());
        assertThat(SecretsInSql.masked("INSERT INTO elsewhere VALUES (1, 'a', 's3cret', NULL)", columns))
                .isEqualTo("INSERT INTO elsewhere VALUES (1, '***', '***', NULL)");
        assertThat(SecretsInSql.masked("INSERT INTO from_catalog VALUES (1, 's3cret')", columns))
                .isEqualTo("INSERT INTO from_catalog VALUES (1, '***')");
        // A table the run changed, of which the catalog may say what was before; one it dropped.
        columns.learn("ALTER TABLE from_catalog ADD COLUMN note text");
        columns.learn("CREATE TABLE gone (id int, note text)");
        columns.learn("DROP TABLE IF EXISTS gone");
        for (String table : new String[] {"from_catalog", "gone"}) {
            assertThat(SecretsInSql.masked("INSERT INTO " + table + " VALUES (1, 'x')", columns))
                    .isEqualTo("INSERT INTO " + table + " VALUES (1, '***')");
        }
        // Not hiding what is not known tells a statement that may hold a password from one that does.
        assertThat(SecretsInSql.masked("INSERT INTO elsewhere VALUES (1, 'a')", columns.knownOnly()))
                .isEqualTo("INSERT INTO elsewhere VALUES (1, 'a')");
        // Where no statement is at hand (a message that hid its statement's passwords), they are left as they are.
        assertThat(SecretsInSql.masked("INSERT INTO elsewhere VALUES (1, 'a')"))
                .isEqualTo("INSERT INTO elsewhere VALUES (1, 'a')");
        // What lists its columns, or inserts none, is read as before.
        for (String kept : new String[] {"INSERT INTO elsewhere (id, note) VALUES (1, 'a')",
                "INSERT INTO elsewhere DEFAULT VALUES", "SELECT 'insert' AS word"}) {
            assertThat(SecretsInSql.masked(kept, columns)).isEqualTo(kept);
        }
    }

    @Test
    void masksALargeInsertThatListsNoColumnsInTimeLinearInItsLength() {
        TableColumns columns = new TableColumns();
        columns.learn("CREATE TABLE t (name text, password text)");
        StringBuilder block = new StringBuilder("DO $$ BEGIN\n");
        StringBuilder rows = new StringBuilder("INSERT INTO t VALUES ('a', 's')");
        for (int i = 0; i < 40_000; i++) {
            block.append("EXECUTE 'INSERT INTO t VALUES (''a").append(i).append("'', ''s").append(i).append("'')';\n");
            rows.append(", ('a").append(i).append("', 's").append(i).append("')");
        }
        String sql = block.append("END $$").toString();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long started = threads.getCurrentThreadCpuTime();

        String masked = SecretsInSql.masked(sql, columns);
        String maskedRows = SecretsInSql.masked(rows.toString(), columns);

        assertThat(Duration.ofNanos(threads.getCurrentThreadCpuTime() - started)).isLessThan(Duration.ofSeconds(4));
        assertThat(masked).contains("VALUES (''a39999'', ''***'')").doesNotContain("''s39999''");
        assertThat(maskedRows).endsWith("('a39999', '***')");
    }

    @Test
    void leavesTextWithoutAPasswordAsItIs() {
        String text = "FATAL: password authentication failed for user \"app\"";
        assertThat(SecretsInSql.masked(text)).isSameAs(text);
        String sql = "CREATE TABLE users (id int, password_hash text)";
        assertThat(SecretsInSql.masked(sql)).isEqualTo(sql);
        String defaults = "CREATE TABLE accounts (password_hash text, note text DEFAULT 'password reset needed')";
        assertThat(SecretsInSql.masked(defaults)).isEqualTo(defaults);
        String url = "Could not connect to postgresql://app@db:5432/shop, see https://example.com/a:b/c@d";
        assertThat(SecretsInSql.masked(url)).isSameAs(url);
        String example = "expected a URL like postgresql://user:password@host:port/database";
        assertThat(SecretsInSql.masked(example)).isEqualTo(example);
        assertThat(SecretsInSql.masked(null)).isNull();
    }

    @Test
    void hidesASecretWhereItStandsAsATokenButNotInsideOtherWords() {
        String refused = "Connection to 127.0.0.1:1 refused. Check that the hostname and port are correct and that "
                + "the postmaster is accepting TCP/IP connections.";
        assertThat(SecretsInSql.hiddenAsToken(refused, "p")).isEqualTo(refused);
        assertThat(SecretsInSql.hiddenAsToken(refused, "ort")).isEqualTo(refused);
        assertThat(SecretsInSql.hiddenAsToken("postgresql://u:the@h/x, the \"the\"", "the"))
                .isEqualTo("postgresql://u:***@h/x, *** \"***\"");
        // An end that is no letter or digit joins to nothing: where the other end stands free, the secret is hidden.
        assertThat(SecretsInSql.hiddenAsToken("at or near \"p@ss!\": p@ss!y, xp@ss!", "p@ss!"))
                .isEqualTo("at or near \"***\": ***y, xp@ss!");
        assertThat(SecretsInSql.hiddenAsToken("orders_total, orders", "orders")).isEqualTo("orders_total, ***");
        // A connection's password as short as a word is left to where it stands as a password: "the" is a word.
        assertThat(SecretsInSql.hiddenPassword(refused, "the")).isEqualTo(refused);
        assertThat(SecretsInSql.hiddenPassword("near \"p@ss!\"", "p@ss!")).isEqualTo("near \"***\"");
        assertThat(SecretsInSql.hiddenPassword("near \"S3cret\", S3crets", "S3cret"))
                .isEqualTo("near \"***\", S3crets");
    }
}
