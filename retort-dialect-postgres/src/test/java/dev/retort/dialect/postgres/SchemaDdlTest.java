package dev.retort.dialect.postgres;

import static dev.retort.dialect.postgres.Rendered.sql;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchemaDdlTest {
    @Test
    void createAndDropSchemas() {
        assertThat(sql(op -> {
            op.createSchema("billing");
            op.createSchema("Billing").ifNotExists();
            op.dropSchema("billing");
            op.dropSchema("billing").ifExists().cascade();
        })).containsExactly(
                "CREATE SCHEMA billing",
                "CREATE SCHEMA IF NOT EXISTS \"Billing\"",
                "DROP SCHEMA billing",
                "DROP SCHEMA IF EXISTS billing CASCADE");
    }

    @Test
    void createAndDropExtensions() {
        assertThat(sql(op -> {
            op.createExtension("citext");
            op.createExtension("uuid-ossp").schema("Ext").ifNotExists();
            op.setExtensionSchema("uuid-ossp", "public");
            op.dropExtension("citext");
            op.dropExtension("uuid-ossp").ifExists().cascade();
        })).containsExactly(
                "CREATE EXTENSION citext",
                "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\" WITH SCHEMA \"Ext\"",
                "ALTER EXTENSION \"uuid-ossp\" SET SCHEMA public",
                "DROP EXTENSION citext",
                "DROP EXTENSION IF EXISTS \"uuid-ossp\" CASCADE");
    }
}
