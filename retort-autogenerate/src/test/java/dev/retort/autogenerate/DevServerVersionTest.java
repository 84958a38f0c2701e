package dev.retort.autogenerate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A dev database of another major version than the target is pointed out, newer or older. */
class DevServerVersionTest {
    @Test
    void aNewerDevDatabaseMayAcceptWhatTheTargetRejects() {
        assertThat(DevServerVersion.warning(17, 15)).contains("the dev database, where the models are read back, "
                + "runs PostgreSQL 17 and the database PostgreSQL 15: it may accept and print SQL the target rejects "
                + "(what came after 15); set dev_url in [models] to an empty database on a PostgreSQL 15 server "
                + "(\"PostgreSQL versions\" in docs/configuration.md).");
        assertThat(DevServerVersion.warning(18, 17)).get().asString().contains("runs PostgreSQL 18");
    }

    @Test
    void anOlderDevDatabaseIsPointedOutToo() {
        assertThat(DevServerVersion.warning(17, 18)).get().asString()
                .contains("runs PostgreSQL 17 and the database PostgreSQL 18: it may refuse what the models take");
    }

    @Test
    void theSameVersionNeedsNoWarning() {
        assertThat(DevServerVersion.warning(17, 17)).isEmpty();
    }
}
