package dev.retort.lint;

import static dev.retort.operation.Operations.check;
import static dev.retort.operation.Operations.column;
import static dev.retort.operation.Operations.foreignKey;
import static dev.retort.operation.Operations.primaryKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.retort.operation.Identity;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationRulesTest {
    /** A Java migration whose upgrade body is {@code lines}, the first of them on line 3. */
    private static String javaFile(String... lines) {
        return "public class Change implements Migration {\n"
                + "    public void upgrade(Operations op) {\n"
                + "        " + String.join("\n        ", lines) + "\n"
                + "    }\n"
                + "    public void downgrade(Operations op) {\n"
                + "        op.execute(\"SELECT 1\");\n"
                + "    }\n"
                + "}\n";
    }

    private static Finding only(List<Finding> findings, String code) {
        List<Finding> matching = Lint.withCode(findings, code);
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    @Test
    void droppingATableWarnsWithItsLine() {
        String text = javaFile("op.addColumn(\"orders\", column(\"note\", \"text\"));", "op.dropTable(\"users\");");
        Finding finding = only(Lint.java(text, op -> {
            op.addColumn("orders", column("note", "text"));
            op.dropTable("users");
        }), "RT101");
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).isEqualTo("drops table users and all its rows");
        assertThat(finding.line()).isEqualTo(4);
        assertThat(finding.revision()).isEqualTo("a1b2c3d4e5f6");
        assertThat(finding.file()).isEqualTo("a1b2c3d4e5f6_change.java");
    }

    /**
     * A call written over several lines is found at the line it starts on, and its arguments are not taken from the
     * next statement: the second dropColumn names users.email, though the first one's next line holds "email".
     */
    @Test
    void aCallOverSeveralLinesIsReportedAtItsFirstLine() {
        String text = javaFile("op.dropTable(", "        \"users\");",
                "op.dropColumn(\"orders\",", "        \"note\");",
                "op.execute(\"SELECT 'email'\");",
                "op.dropColumn(", "        \"orders\",", "        \"email\"", ");");
        List<Finding> findings = Lint.java(text, op -> {
            op.dropTable("users");
            op.dropColumn("orders", "note");
            op.execute("SELECT 'email'");
            op.dropColumn("orders", "email");
        });
        assertThat(findings).extracting(Finding::code, Finding::line).containsExactly(
                tuple("RT101", 3), tuple("RT102", 5),
                tuple("RT102", 8));
    }

    @Test
    void droppingATableCreatedEarlierInTheMigrationIsFine() {
        assertThat(Lint.ops(op -> {
            op.createTable("scratch", column("id", "int"));
            op.dropTable("scratch");
        })).isEmpty();
    }

    @Test
    void droppingAColumnWarns() {
        Finding finding = only(Lint.java(javaFile("op.dropColumn(\"users\", \"email\");"),
                op -> op.dropColumn("users", "email")), "RT102");
        assertThat(finding.message()).isEqualTo("drops column users.email and its data");
        assertThat(finding.line()).isEqualTo(3);
    }

    @Test
    void droppingAColumnFromItsTableAloneWarnsAsAnyDrop() {
        Finding finding = only(Lint.java(javaFile("op.dropColumn(\"vehicles\", \"name\").only().dropNotNullFirst();"),
                op -> op.dropColumn("vehicles", "name").only().dropNotNullFirst()), "RT102");
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).isEqualTo("drops column vehicles.name and the data of its own rows "
                + "(the tables that inherit it keep theirs)");
        assertThat(finding.line()).isEqualTo(3);
    }

    @Test
    void droppingAColumnOfANewTableIsFine() {
        assertThat(Lint.ops(op -> {
            op.createTable("users", column("id", "int"), column("email", "text"));
            op.dropColumn("users", "email");
        })).isEmpty();
    }

    @Test
    void droppingATableOrColumnWithCascadeSaysWhatGoesWithIt() {
        assertThat(only(Lint.ops(op -> op.dropTable("orders").cascade()), "RT101").message())
                .isEqualTo("drops table orders and all its rows, with everything that depends on it (CASCADE)");
        assertThat(only(Lint.ops(op -> op.dropColumn("orders", "note").cascade()), "RT102").message())
                .isEqualTo("drops column orders.note and its data, with everything that depends on it (CASCADE)");
    }

    @Test
    void droppingASchemaWarns() {
        Finding finding = only(Lint.ops(op -> op.dropSchema("billing").cascade()), "RT103");
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).startsWith("drops schema billing and every table");
        assertThat(finding.line()).isZero();
    }

    @Test
    void droppingAnExtensionWithCascadeWarns() {
        Finding finding = only(Lint.ops(op -> op.dropExtension("citext").cascade()), "RT118");
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).startsWith("drops extension citext with CASCADE: the columns of its types");
    }

    @Test
    void droppingAnEnumWithCascadeWarnsOfTheColumnsThatGoWithIt() {
        String text = javaFile("op.dropEnum(\"mood\").cascade();");
        Finding finding = only(Lint.java(text, op -> op.dropEnum("mood").cascade()), "RT122");
        assertThat(finding.severity()).isEqualTo(Severity.WARNING);
        assertThat(finding.message()).startsWith("drops type mood with CASCADE: the columns of that type (with their "
                + "data)");
        assertThat(finding.line()).isEqualTo(3);
    }

    @Test
    void droppingAnEnumWithoutCascadeIsFine() {
        // PostgreSQL refuses to drop a type a column still has.
        assertThat(Lint.ops(op -> op.dropEnum("mood"))).isEmpty();
    }

    @Test
    void creatingAnExtensionOrDroppingOneNothingUsesIsFine() {
        assertThat(Lint.ops(op -> {
            op.createExtension("citext").ifNotExists();
            op.dropExtension("pg_trgm");
        })).isEmpty();
    }

    @Test
    void creatingASchemaIsFine() {
        assertThat(Lint.ops(op -> op.createSchema("billing"))).isEmpty();
    }

    @Test
    void recreatingAnEnumWithFewerValuesNamesTheLostValues() {
        Finding finding = only(Lint.java(javaFile("op.execute(\"ALTER TYPE status RENAME TO status_old\");",
                "op.createEnum(\"status\", \"active\", \"closed\");"), op -> {
                    op.execute("ALTER TYPE status RENAME TO status_old");
                    op.createEnum("status", "active", "closed");
                    op.dropEnum("status_old");
                }, op -> {
                    op.dropEnum("status");
                    op.createEnum("status", "active", "pending", "closed");
                }), "RT104");
        assertThat(finding.message()).isEqualTo("recreates enum type status without value(s) pending: rows holding "
                + "them cannot convert to the new type");
        assertThat(finding.line()).isEqualTo(4);
    }

    @Test
    void recreatingAnEnumWithMoreValuesIsFine() {
        assertThat(Lint.withCode(Lint.java("", op -> {
            op.dropEnum("status");
            op.createEnum("status", "active", "pending", "closed");
        }, op -> op.createEnum("status", "active", "closed")), "RT104")).isEmpty();
        assertThat(Lint.ops(op -> op.createEnum("mood", "happy", "sad"))).isEmpty();
    }

    @Test
    void changingATypeWarns() {
        Finding finding = only(Lint.java(javaFile("op.alterColumn(\"users\", \"age\").type(\"smallint\");"),
                op -> op.alterColumn("users", "age").type("smallint")), "RT105");
        assertThat(finding.message()).startsWith("changes the type of column users.age to smallint: unless it only "
                + "widens (a longer varchar, varchar to text, more numeric precision), rewrites the table");
        assertThat(finding.line()).isEqualTo(3);
    }

    @Test
    void changingTheTypeOfANewTablesColumnIsFine() {
        assertThat(Lint.ops(op -> {
            op.createTable("users", column("age", "int"));
            op.alterColumn("users", "age").type("bigint");
        })).isEmpty();
    }

    @Test
    void renamingATableOrColumnWarns() {
        List<Finding> findings = Lint.withCode(Lint.ops(op -> {
            op.renameTable("users", "accounts");
            op.alterColumn("accounts", "mail").rename("email");
        }), "RT106");
        assertThat(findings).extracting(Finding::message).containsExactly(
                "renames table users to accounts: running clients that still use the old name break",
                "renames column accounts.mail to email: running clients that still use the old name break");
    }

    @Test
    void renamingANewTableIsFine() {
        assertThat(Lint.ops(op -> {
            op.createTable("draft", column("id", "int"));
            op.renameTable("draft", "final");
            op.alterColumn("final", "id").rename("key");
        })).isEmpty();
    }

    @Test
    void addingANotNullColumnWithoutDefaultIsAnError() {
        Finding finding = only(Lint.java(javaFile("op.addColumn(\"users\", column(\"phone\", \"text\").notNull());"),
                op -> op.addColumn("users", column("phone", "text").notNull())), "RT107");
        assertThat(finding.severity()).isEqualTo(Severity.ERROR);
        assertThat(finding.message()).startsWith("adds NOT NULL column users.phone without a default: fails if the "
                + "table has rows");
        assertThat(finding.line()).isEqualTo(3);
    }

    @Test
    void addingANotNullColumnWithADefaultOrANullableOneIsFine() {
        assertThat(Lint.ops(op -> {
            op.addColumn("users", column("active", "boolean").notNull().defaultExpression("true"));
            op.addColumn("users", column("phone", "text"));
            op.addColumn("users", column("created_at", "timestamptz").notNull().defaultExpression("now()"));
        })).isEmpty();
    }

    @Test
    void settingNotNullOnAnExistingColumnWarns() {
        Finding finding = only(Lint.ops(op -> op.alterColumn("users", "email").nullable(false)), "RT108");
        assertThat(finding.message()).startsWith("sets NOT NULL on column users.email: scans the whole table");
    }

    @Test
    void settingNotNullProvenByAValidatedCheckIsFine() {
        // The safe form autogenerate writes with safe = true: no scan under the lock, so nothing to warn about.
        assertThat(Lint.withCode(Lint.ops(op -> {
            op.execute("ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID");
            op.autocommit(() -> op.execute("ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null"));
            op.alterColumn("users", "email").nullable(false);
            op.execute("ALTER TABLE users ALTER COLUMN email SET NOT NULL");
        }), "RT108")).isEmpty();
        // Added but not validated, the check proves nothing yet.
        only(Lint.ops(op -> {
            op.execute("ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID");
            op.alterColumn("users", "email").nullable(false);
        }), "RT108");
    }

    @Test
    void droppingNotNullIsFine() {
        assertThat(Lint.ops(op -> op.alterColumn("users", "email").nullable(true))).isEmpty();
    }

    @Test
    void aUniqueIndexOrConstraintOnAnExistingTableWarns() {
        List<Finding> findings = Lint.withCode(Lint.ops(op -> {
            op.createIndex("users_email_key", "users", "email").unique().concurrently();
            op.createUniqueConstraint("users_name_key", "users", "name");
        }), "RT109");
        assertThat(findings).extracting(Finding::message).containsExactly(
                "creates unique index users_email_key on users: fails if existing rows hold duplicates",
                "adds unique users_name_key on users to an existing table: fails on duplicates and builds its index "
                        + "under a lock; build a unique index concurrently first and add the constraint USING INDEX");
    }

    @Test
    void aUniqueConstraintOnANewTableIsFine() {
        assertThat(Lint.ops(op -> {
            op.createTable("users", column("id", "int"), column("email", "text"), primaryKey("id"));
            op.createIndex("users_email_key", "users", "email").unique();
            op.createUniqueConstraint("users_email_uq", "users", "email");
        })).isEmpty();
    }

    @Test
    void aNonConcurrentIndexOnAnExistingTableWarns() {
        String text = javaFile("op.createIndex(\"ix_users_email\", \"users\", \"email\");",
                "op.dropIndex(\"ix_users_name\");");
        List<Finding> findings = Lint.withCode(Lint.java(text, op -> {
            op.createIndex("ix_users_email", "users", "email");
            op.dropIndex("ix_users_name");
        }), "RT110");
        assertThat(findings).extracting(Finding::line).containsExactly(3, 4);
        assertThat(findings.get(0).message()).isEqualTo("creates index ix_users_email on users without CONCURRENTLY: "
                + "blocks writes to the table while it builds; use .concurrently()");
        assertThat(findings.get(1).message()).startsWith("drops index ix_users_name without CONCURRENTLY");
    }

    @Test
    void aConcurrentIndexIsFine() {
        assertThat(Lint.ops(op -> {
            op.createIndex("ix_users_email", "users", "email").concurrently();
            op.dropIndex("ix_users_name").concurrently();
        })).isEmpty();
    }

    @Test
    void aForeignKeyOrCheckOnAnExistingTableAsksForNotValid() {
        List<Finding> findings = Lint.withCode(Lint.ops(op -> {
            op.createForeignKey("fk_orders_user", "orders", "users", List.of("user_id"), List.of("id"));
            op.createCheckConstraint("ck_orders_total", "orders", "total >= 0");
        }), "RT111");
        assertThat(findings).hasSize(2);
        assertThat(findings.get(0).message()).startsWith("adds foreign key fk_orders_user on orders without NOT VALID")
                .contains("op.execute(\"ALTER TABLE orders ADD CONSTRAINT ... NOT VALID\")");
        assertThat(findings.get(1).message()).startsWith("adds check ck_orders_total on orders without NOT VALID");
    }

    @Test
    void anExclusionConstraintOnAnExistingTableWarnsWithoutAskingForNotValid() {
        List<Finding> findings = Lint.ops(op -> op.createExclusionConstraint("no_overlap", "bookings",
                "USING gist (room WITH =, during WITH &&)"));
        // PostgreSQL refuses EXCLUDE ... NOT VALID: RT111's advice would not run.
        assertThat(Lint.withCode(findings, "RT111")).isEmpty();
        assertThat(only(findings, "RT109").message())
                .startsWith("adds exclusion constraint no_overlap on bookings to an existing table")
                .contains("can neither add it NOT VALID nor build it concurrently");
    }

    @Test
    void aConstraintNamedBeforeItsTableIsFoundAtItsLine() {
        // op.createExclusionConstraint, as autogenerate writes it, and its kin name the constraint before the table.
        String text = javaFile(
                "op.createExclusionConstraint(\"no_overlap\", \"bookings\", \"USING gist (room WITH =)\");",
                "op.createCheckConstraint(\"ck_total\", \"orders\", \"total >= 0\");");
        List<Finding> findings = Lint.java(text, op -> {
            op.createExclusionConstraint("no_overlap", "bookings", "USING gist (room WITH =)");
            op.createCheckConstraint("ck_total", "orders", "total >= 0");
        });

        assertThat(only(findings, "RT109").line()).isEqualTo(3);
        assertThat(only(findings, "RT111").line()).isEqualTo(4);
    }

    @Test
    void aHintsStatementQuotesAReservedName() {
        List<Finding> findings = Lint.ops(op -> {
            op.createCheckConstraint("ck_user_age", "user", "age >= 0");
            op.alterColumn("user", "order").nullable(false);
        });
        assertThat(Lint.withCode(findings, "RT111").get(0).message())
                .contains("op.execute(\"ALTER TABLE \\\"user\\\" ADD CONSTRAINT ... NOT VALID\")");
        assertThat(Lint.withCode(findings, "RT108").get(0).message()).contains("add a CHECK (\"order\" IS NOT NULL)");
    }

    @Test
    void aForeignKeyOnANewTableIsFine() {
        assertThat(Lint.ops(op -> {
            op.createTable("orders", column("id", "int"), column("user_id", "int"),
                    foreignKey("user_id", "users", "id"), check("id > 0"));
            op.createForeignKey("fk_orders_self", "orders", "orders", List.of("id"), List.of("id"));
        })).isEmpty();
    }

    @Test
    void aVolatileDefaultOnANewColumnOfAnExistingTableWarns() {
        Finding finding = only(Lint.ops(op -> op.addColumn("users",
                column("token", "uuid").defaultExpression("gen_random_uuid()"))), "RT112");
        assertThat(finding.message()).isEqualTo("adds column users.token with a value computed per row (default "
                + "gen_random_uuid()): rewrites the whole table under an ACCESS EXCLUSIVE lock");
        assertThat(Lint.withCode(Lint.ops(op -> op.addColumn("users",
                column("id2", "bigint").identity(Identity.ALWAYS))), "RT112")).hasSize(1);
        assertThat(Lint.withCode(Lint.ops(op -> op.addColumn("users",
                column("name_lower", "text").generatedAs("lower(name)"))), "RT112")).hasSize(1);
    }

    @Test
    void makingAnExistingTableLoggedOrUnloggedWarnsOfTheRewrite() {
        String text = javaFile("op.setTableUnlogged(\"cache\");", "op.setTableLogged(\"events\").schema(\"audit\");");
        List<Finding> findings = Lint.withCode(Lint.java(text, op -> {
            op.setTableUnlogged("cache");
            op.setTableLogged("events").schema("audit");
        }), "RT123");
        assertThat(findings).extracting(Finding::line).containsExactly(3, 4);
        assertThat(findings).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        assertThat(findings.get(0).message()).isEqualTo("makes table cache unlogged (SET UNLOGGED): rewrites the "
                + "whole table under an ACCESS EXCLUSIVE lock");
        assertThat(findings.get(1).message()).isEqualTo("makes table audit.events logged (SET LOGGED): rewrites the "
                + "whole table under an ACCESS EXCLUSIVE lock and writes all of it to the write-ahead log");
    }

    @Test
    void makingANewTableLoggedOrUnloggedIsFine() {
        assertThat(Lint.ops(op -> {
            op.createTable("cache", column("k", "text"));
            op.setTableUnlogged("cache");
            op.setTableLogged("cache");
        })).isEmpty();
    }

    @Test
    void aVirtualGeneratedColumnIsComputedWhenReadSoAddingOneRewritesNothing() {
        assertThat(Lint.withCode(Lint.ops(op -> op.addColumn("users",
                column("name_lower", "text").generatedAs("lower(name)").virtual(true))), "RT112")).isEmpty();
    }

    @Test
    void aStableDefaultOrANewTableIsFine() {
        assertThat(Lint.ops(op -> {
            op.addColumn("users", column("seen_at", "timestamptz").defaultExpression("now()"));
            op.createTable("events", column("id", "uuid"));
            op.addColumn("events", column("token", "uuid").defaultExpression("gen_random_uuid()"));
        })).isEmpty();
    }

    @Test
    void operationsInsideAnAutocommitBlockAreChecked() {
        assertThat(Lint.ops(op -> op.autocommit(() -> op.dropTable("users"))))
                .extracting(Finding::code).containsExactly("RT101");
    }

    @Test
    void tablesTheCallerKnowsAreNewAreNotExisting() {
        var input = new LintInput("a1b2c3d4e5f6", "a1b2c3d4e5f6_x.java", "", List.of(
                new dev.retort.operation.DropTable(dev.retort.operation.QualifiedName.of("temp"), false, false)),
                List.of(new dev.retort.operation.Execute("SELECT 1")), true,
                java.util.Set.of(dev.retort.operation.QualifiedName.of("temp")));
        assertThat(new Linter().lint(input)).isEmpty();
    }
}
