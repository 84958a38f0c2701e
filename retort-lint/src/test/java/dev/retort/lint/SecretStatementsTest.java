package dev.retort.lint;

import static dev.retort.operation.Operations.column;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rule RT116 finds the passwords that {@code upgrade --sql} warns of: those a statement's structure makes secret. */
class SecretStatementsTest {
    private static final String HEADER = "-- revision: a1b2c3d4e5f6\n-- down_revision: none\n-- message: seed admin\n"
            + "-- create_date: 2026-12-06 21:00:00\n\n-- +upgrade\n"
            + "CREATE TABLE admins (id bigint PRIMARY KEY, name text, password text, api_token text);\n";
    private static final String[] SECRETS = {"Tr0ub4dor&3", "Corr3ctHorse!", "N3wPassw0rd!", "Default#Pass1",
            "Hunter2!Pass"};

    private static List<Finding> secrets(List<Finding> findings) {
        List<Finding> found = Lint.withCode(findings, "RT116");
        for (Finding finding : found) {
            for (String secret : SECRETS) {
                assertThat(finding.message()).doesNotContain(secret);
            }
        }
        return found;
    }

    private static String javaFile(String... lines) {
        return "public class Change implements Migration {\n"
                + "    public void upgrade(Operations op) {\n"
                + "        " + String.join("\n        ", lines) + "\n"
                + "    }\n"
                + "    public void downgrade(Operations op) {\n"
                + "        op.dropTable(\"admins\");\n"
                + "    }\n"
                + "}\n";
    }

    /**
     * Two statements alike for their first line, each holding a password: the second was found on the first's line,
     * and one finding per line kept only that one.
     */
    @Test
    void statementsThatStartAlikeAreFoundOnTheirOwnLines() {
        String file = HEADER + "ALTER TABLE admins ALTER COLUMN password\n  SET DEFAULT 'Tr0ub4dor&3';\n"
                + "ALTER TABLE admins ALTER COLUMN password\n  SET DEFAULT 'Corr3ctHorse!';\n"
                + "-- +downgrade\nDROP TABLE admins;\n";
        assertThat(secrets(Lint.sql(file))).extracting(Finding::line).containsExactly(8, 10);
    }

    @Test
    void aPasswordColumnsValueIsFoundOnTheLineOfItsStatementWithOrWithoutAColumnList() {
        List<Finding> findings = secrets(Lint.sql(HEADER
                + "INSERT INTO admins (id, name, password) VALUES (1, 'root', 'Tr0ub4dor&3');\n"
                + "INSERT INTO admins VALUES (2, 'ops', 'Corr3ctHorse!', 'tok_9f8e7d6c5b4a3210');\n"
                + "UPDATE admins SET password = 'N3wPassw0rd!' WHERE id = 1;\n"
                + "ALTER TABLE admins ALTER COLUMN password SET DEFAULT 'Default#Pass1';\n"
                + "-- +downgrade\nDROP TABLE admins;\n"));
        assertThat(findings).extracting(Finding::line).containsExactly(8, 9, 10, 11);
        assertThat(findings.get(0).message()).startsWith("holds a password as a literal (`INSERT INTO admins (id, "
                + "name, password) VALUES (1, '...', '***')`)");
        // The token of the next column is no password, but a finding shows no secret.
        assertThat(findings.get(1).message()).contains("VALUES (2, '...', '***', '...')")
                .doesNotContain("tok_9f8e7d6c5b4a3210");
        assertThat(findings.get(3).message()).contains("SET DEFAULT '***'");
    }

    @Test
    void aRowWrittenLinesBelowItsColumnListIsFoundAtTheStatementsFirstLine() {
        List<Finding> findings = secrets(Lint.sql(HEADER
                + "-- the first admin\nINSERT INTO admins\n  (id, name, password)\nVALUES\n"
                + "  (1, 'root', 'Tr0ub4dor&3'),\n  (2, 'ops', NULL);\n-- +downgrade\nDROP TABLE admins;\n"));
        assertThat(findings).extracting(Finding::line).containsExactly(9);
    }

    @Test
    void aJavaMigrationsBulkInsertAndExecuteAreFoundAtTheirCalls() {
        String text = javaFile(
                "op.createTable(\"admins\", column(\"id\", \"bigint\"), column(\"name\", \"text\"),",
                "        column(\"password\", \"text\"));",
                "op.bulkInsert(\"admins\", \"id\", \"name\", \"password\").row(4, \"bot\", \"Corr3ctHorse!\");",
                "op.execute(\"INSERT INTO admins (id, name, password) VALUES (3,'svc','Tr0ub4dor&3')\");");
        List<Finding> findings = secrets(Lint.java(text, op -> {
            op.createTable("admins", column("id", "bigint"), column("name", "text"), column("password", "text"));
            op.bulkInsert("admins", "id", "name", "password").row(4, "bot", "Corr3ctHorse!");
            op.execute("INSERT INTO admins (id, name, password) VALUES (3,'svc','Tr0ub4dor&3')");
        }, op -> op.dropTable("admins")));
        assertThat(findings).extracting(Finding::line).containsExactly(5, 6);
    }

    @Test
    void aPasswordColumnsLiteralDefaultIsFound() {
        String text = javaFile(
                "op.createTable(\"mail\",",
                "        column(\"id\", \"bigint\"),",
                "        column(\"smtp_password\", \"text\").defaultExpression(\"'Hunter2!Pass'::text\"));",
                "op.alterColumn(\"admins\", \"password\").setDefault(\"'Default#Pass1'\");");
        List<Finding> findings = secrets(Lint.java(text, op -> {
            op.createTable("mail", column("id", "bigint"),
                    column("smtp_password", "text").defaultExpression("'Hunter2!Pass'::text"));
            op.alterColumn("admins", "password").setDefault("'Default#Pass1'");
        }, op -> op.dropTable("mail")));
        assertThat(findings).extracting(Finding::line).containsExactly(3, 6);
    }

    @Test
    void withoutTheFileTextABulkInsertIsFoundWithoutALine() {
        List<Finding> findings = secrets(Lint.ops(op -> op.bulkInsert("admins", "id", "name", "password")
                .row(4, "bot", "Corr3ctHorse!")));
        assertThat(findings).extracting(Finding::line).containsExactly(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "INSERT INTO admins (id, name, password) VALUES (1, 'root', NULL);",
            "INSERT INTO admins (id, name, password) VALUES (1, 'root', '${ADMIN_PASSWORD}');",
            "INSERT INTO admins (id, name, password) VALUES (1, 'root', crypt(:admin_password, gen_salt('bf')));",
            "INSERT INTO admins (id, name, password) VALUES (1, 'root', $1);",
            "INSERT INTO admins (id, name, password) VALUES (1, 'root', '');",
            "INSERT INTO admins VALUES (2, 'ops', NULL, NULL);",
            "UPDATE admins SET password = crypt(password, gen_salt('bf'));",
            "ALTER TABLE admins ALTER COLUMN password SET DEFAULT NULL;",
            "ALTER TABLE admins ADD COLUMN password_changed_at date DEFAULT '2026-01-01';",
            "ALTER TABLE admins ALTER COLUMN password SET DEFAULT 'true'::boolean;",
            "ALTER TABLE admins ALTER COLUMN password SET DEFAULT ('false');",
            "ALTER TABLE admins ALTER COLUMN password SET DEFAULT CAST('false' AS boolean);",
            "ALTER TABLE admins ADD COLUMN x_password \"boolean\" DEFAULT 'true';",
            "INSERT INTO elsewhere VALUES (1, 'root', 'not-known-to-be-a-password');"
    })
    void placeholdersAndTablesOfUnknownColumnsAreFine(String statement) {
        assertThat(secrets(Lint.sql(HEADER + statement + "\n-- +downgrade\nDROP TABLE admins;\n"))).isEmpty();
    }

    @Test
    void aDowngradesPasswordIsFoundToo() {
        List<Finding> findings = secrets(Lint.sql(HEADER + "-- +downgrade\n"
                + "INSERT INTO admins (id, name, password) VALUES (1, 'root', 'Tr0ub4dor&3');\nDROP TABLE admins;\n"));
        assertThat(findings).extracting(Finding::line).containsExactly(9);
    }
}
