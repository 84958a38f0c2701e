package dev.retort.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A .env with a password that every user can read is named once, with the fix; a private one is not. */
class DotEnvPermissionsTest {
    private static final String WARNING = "warning .env holds a password (DB_PASSWORD) and every user of this machine "
            + "can read it (mode 644); run chmod 600 .env";

    @TempDir
    Path dir;

    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void everyoneMayEnterTheProject() throws IOException {
        // JUnit makes its directory 700; a project in /srv or /opt, or under a home directory of mode 755, is not.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private List<String> warnings() {
        return ConfigLoader.load(Optional.empty(), dir, environment, Map.of(), Optional.empty()).warnings().stream()
                .map(w -> "warning " + w).toList();
    }

    private void dotEnv(String text, String mode) throws IOException {
        Path file = dir.resolve(".env");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    @Test
    void aDotEnvWithAPasswordThatEveryoneCanReadIsNamedOnce() throws IOException {
        dotEnv("DB_HOST=db\nDB_NAME=app\nDB_PASSWORD=StrongPassw@rd123\n", "rw-r--r--");

        assertThat(warnings()).containsExactly(WARNING);
        // Once: the next command says nothing, until the file's mode changes again.
        assertThat(warnings()).isEmpty();
        Files.setPosixFilePermissions(dir.resolve(".env"), PosixFilePermissions.fromString("rw-rw-r--"));
        assertThat(warnings()).containsExactly(WARNING.replace("644", "664"));
        assertThat(String.join("\n", warnings())).doesNotContain("StrongPassw");
    }

    @Test
    void aUrlWithAPasswordCountsAsAPassword() throws IOException {
        dotEnv("DATABASE_URL=postgresql://postgres:StrongPassw@rd123@localhost:5433/equipment_db\n", "rw-r--r--");

        assertThat(warnings()).containsExactly(WARNING.replace("(DB_PASSWORD)", "(DATABASE_URL)"));
    }

    /** The docs take JDBC URLs as Flyway's flyway.url writes them, and those give the password as a parameter. */
    @Test
    void aJdbcUrlWithAPasswordParameterCountsAsAPassword() throws IOException {
        dotEnv("DATABASE_URL=jdbc:postgresql://db:5432/prod?user=postgres&password=StrongPassw0rd\n", "rw-r--r--");

        assertThat(warnings()).containsExactly(WARNING.replace("(DB_PASSWORD)", "(DATABASE_URL)"));

        environment.put("PW", "StrongPassw0rd");
        dotEnv("DATABASE_URL=jdbc:postgresql://db:5432/prod?user=postgres&password=${PW}\n", "rw-rw-r--");
        assertThat(warnings()).isEmpty();
    }

    @Test
    void aPasswordTheFileOnlyRefersToIsNotInIt() throws IOException {
        // The password comes from the environment (a secret manager, the CI's secrets): the file holds none.
        environment.put("PW", "StrongPassw@rd123");
        environment.put("VAULT_PASSWORD", "StrongPassw@rd123");
        dotEnv("DATABASE_URL=postgresql://app:${PW}@db/app\nDB_PASSWORD=${VAULT_PASSWORD}\n", "rw-r--r--");
        assertThat(warnings()).isEmpty();

        // Written in the file, under any name, it is there to read.
        dotEnv("PW=StrongPassw@rd123\nDATABASE_URL=postgresql://app:${PW}@db/app\n", "rw-r--r--");
        assertThat(warnings()).containsExactly(WARNING.replace("(DB_PASSWORD)", "(PW)"));
        dotEnv("DATABASE_URL=postgresql://app:${PW:-StrongPassw@rd123}@db/app\n", "rw-rw-r--");
        assertThat(warnings())
                .containsExactly(WARNING.replace("(DB_PASSWORD)", "(DATABASE_URL)").replace("644", "664"));
    }

    @Test
    void nothingIsSaidWhenOthersCannotReadItOrItHoldsNoPasswordOrInCi() throws IOException {
        dotEnv("DB_HOST=db\nDB_NAME=app\nDB_PASSWORD=StrongPassw@rd123\n", "rw-r-----");
        assertThat(warnings()).isEmpty();

        // Others may read the file, but not enter the directory it is in.
        dotEnv("DB_HOST=db\nDB_NAME=app\nDB_PASSWORD=StrongPassw@rd123\n", "rw-r--r--");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
        assertThat(warnings()).isEmpty();
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        environment.put("CI", "true");
        assertThat(warnings()).isEmpty();
        environment.remove("CI");

        dotEnv("DATABASE_URL=postgresql://app@localhost/app\nDB_PASSWORD=\n", "rw-r--r--");
        assertThat(warnings()).isEmpty();
    }
}
