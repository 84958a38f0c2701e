package dev.retort.autogenerate;

import dev.retort.RetortException;
import dev.retort.autogenerate.diff.Change;
import dev.retort.autogenerate.diff.Renames;
import dev.retort.autogenerate.diff.SchemaDiffer;
import dev.retort.dialect.Dialect;
import dev.retort.dialect.SqlStatement;
import dev.retort.dialect.TransactionControl;
import dev.retort.introspect.postgres.PartitionedTableException;
import dev.retort.introspect.postgres.PostgresIntrospector;
import dev.retort.schema.DatabaseSchema;
import dev.retort.schema.SchemaFilter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises a desired schema through a real PostgreSQL: applies the model's DDL on a scratch ("dev")
 * database inside a transaction, introspects it with the same code that reads the target, and rolls back.
 *
 * <p>So {@code varchar(20)} and {@code character varying(20)}, {@code now()} and {@code CURRENT_TIMESTAMP},
 * a {@code serial} and its sequence all come out exactly as the target database would report them, and the
 * diff compares like with like. Rolling back leaves the dev database as it was, needs no CREATE DATABASE
 * privilege, and lets concurrent runs share one dev database.
 */
public final class ScratchDatabase {
    static final int BATCH = 500;
    /** A UNIQUE constraint's column list, which takes no sort order. */
    private static final Pattern UNIQUE_COLUMNS = Pattern.compile("(?i)\\bunique\\s*\\(");
    /** PostgreSQL's message for a type it does not know whose name has a space in it. */
    private static final Pattern QUOTED_DEFINITION = Pattern.compile("type \"[^\"]*\\s[^\"]*\" does not exist");
    /** PostgreSQL's message for a syntax error, which names the word it stopped at. */
    private static final Pattern SYNTAX_ERROR_NEAR =
            Pattern.compile("syntax error at or near \"([A-Za-z_][A-Za-z0-9_]*)\"");
    private static final String CREATE_SEQUENCE = "create\\s+sequence(\\s+if\\s+not\\s+exists)?";
    private static final String CREATE_INDEX = "create\\s+(unique\\s+)?index(\\s+if\\s+not\\s+exists)?";
    private static final String CREATE_OR_ALTER_TABLE = "(create|alter)\\s+table(\\s+if\\s+(not\\s+)?exists)?";

    private final Dialect dialect;

    public ScratchDatabase(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * The schema {@code model}'s DDL creates, as a migration would leave it; nothing stays behind in {@code dev}.
     *
     * <p>Two round trips: the model's own DDL, then the DDL that Retort renders from what PostgreSQL printed back.
     * PostgreSQL does not always print an expression in a form that reads back the same (Hibernate's
     * {@code status IN (...)} check comes back as {@code ARRAY[...]::text[]}, which reads back with extra casts),
     * and the database that migrations build holds the second form, so the comparison must use it too.
     *
     * <p>The dev database may have extensions of its own (it is how a JPA model's {@code citext} column works): of
     * those, the desired schema keeps the ones the model uses ({@link ModelExtensions}), in both passes alike.
     */
    public DatabaseSchema normalize(ModelDdl model, Connection dev) {
        try {
            Set<String> installedBefore = ModelExtensions.installed(dev);
            Set<String> provided = new LinkedHashSet<>();
            DatabaseSchema printed = null;
            while (printed == null) {
                try {
                    printed = inTransactionRolledBack(dev, () -> {
                        for (SqlStatement statement : withExtensions(provided, statements(model))) {
                            apply(model, dev, statement);
                        }
                        resetSession(dev);
                        UnmodelledTypes.refuse(dev, model.origin());
                        UnmodelledCollations.refuse(dev, model.origin());
                        return ModelExtensions.keep(read(dev), dev, installedBefore);
                    });
                } catch (MissingType e) {
                    provided.add(e.extension(dev, provided).orElseThrow(() -> e));
                }
            }
            DatabaseSchema first = printed;
            return inTransactionRolledBack(dev, () -> {
                for (SqlStatement statement : rendered(first)) {
                    apply(model, dev, statement);
                }
                // The rendered DDL creates exactly the first pass's extensions (if the database lacks them).
                return read(dev).withExtensions(first.extensions());
            });
        } catch (SQLException e) {
            throw new RetortException("Could not read the desired schema back from the dev database: " + e.getMessage(), e);
        }
    }

    /**
     * Builds the schema of {@code model} in an empty database and keeps it, so the database can serve as a cache
     * (the same two round trips as {@link #normalize}). It commits every {@value #BATCH} statements rather than
     * once: a model of thousands of tables would exhaust the lock table in one transaction. The caller drops the
     * database if a statement fails. The database starts with no extension (it is a copy of {@code template0}), so
     * every extension it ends up with is the model's, and so is every one a later {@link #read} of it finds.
     */
    public DatabaseSchema create(ModelDdl model, Connection empty) {
        try {
            Set<String> provided = new LinkedHashSet<>();
            while (true) {
                try {
                    freshSession(empty);
                    applyInBatches(model, empty, withExtensions(provided, statements(model)));
                    break;
                } catch (MissingType e) {
                    empty.rollback();
                    freshSession(empty);
                    provided.add(e.extension(empty, provided).orElseThrow(() -> e));
                    // Batches before the failure were committed: start again from an empty database.
                    dropUserSchemas(empty);
                    empty.commit();
                    empty.setAutoCommit(true);
                }
            }
            freshSession(empty);
            UnmodelledTypes.refuse(empty, model.origin());
            UnmodelledCollations.refuse(empty, model.origin());
            DatabaseSchema printed = read(empty);
            // The extensions in those schemas go too, and the rendered DDL creates them again.
            dropUserSchemas(empty);
            applyInBatches(model, empty, rendered(printed));
            return read(empty);
        } catch (SQLException e) {
            throw new RetortException("Could not read the desired schema back from the dev database: " + e.getMessage(), e);
        }
    }

    /**
     * Gives the session back the settings it connected with, undoing what the model's DDL set: a schema file written by
     * {@code pg_dump} empties the search path ({@code set_config('search_path', '', false)}), under which the read
     * would print names qualified where the target's read does not, and the rendered DDL, which names the tables of
     * {@code public} unqualified, would fail ("no schema has been selected to create in").
     */
    private static void resetSession(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            // RESET ALL leaves the role and the session user alone.
            s.execute("RESET SESSION AUTHORIZATION");
            s.execute("RESET ROLE");
            s.execute("RESET ALL");
        }
    }

    /** {@link #resetSession}, in a session of a dev database of its own, whose commits need not be durable. */
    private static void freshSession(Connection db) throws SQLException {
        resetSession(db);
        try (Statement s = db.createStatement()) {
            // A dev database is rebuilt from the model whenever needed: its commits need not reach the disk.
            s.execute("SET synchronous_commit = off");
        }
    }

    /** Drops every schema of the model's, and the extensions in them, leaving an empty {@code public}. */
    private void dropUserSchemas(Connection db) throws SQLException {
        try (Statement s = db.createStatement()) {
            for (String schema : userSchemas(db)) {
                s.execute("DROP SCHEMA " + dialect.quote(schema) + " CASCADE");
            }
            s.execute("CREATE SCHEMA public");
        }
    }

    /** {@code statements}, after creating the extensions {@link MissingType} found the model needs. */
    private List<SqlStatement> withExtensions(Set<String> extensions, List<SqlStatement> statements) {
        List<SqlStatement> all = new ArrayList<>();
        for (String extension : extensions) {
            all.add(new SqlStatement("CREATE EXTENSION IF NOT EXISTS " + dialect.quote(extension), 0));
        }
        all.addAll(statements);
        return all;
    }

    /** The statements that create {@code schema} from nothing, extensions included, as a migration would write them. */
    private List<SqlStatement> rendered(DatabaseSchema schema) {
        List<SqlStatement> statements = new ArrayList<>();
        for (Change change : new SchemaDiffer(Renames.NONE).diff(DatabaseSchema.EMPTY, schema).upgrade()) {
            for (String sql : dialect.render(change.operation())) {
                statements.add(new SqlStatement(sql, 0));
            }
        }
        return statements;
    }

    private void applyInBatches(ModelDdl model, Connection db, List<SqlStatement> statements) throws SQLException {
        db.setAutoCommit(false);
        for (int i = 0; i < statements.size(); i++) {
            apply(model, db, statements.get(i));
            if ((i + 1) % BATCH == 0) {
                db.commit();
            }
        }
        db.commit();
        db.setAutoCommit(true);
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    private static <T> T inTransactionRolledBack(Connection db, Work<T> work) throws SQLException {
        db.setAutoCommit(false);
        try {
            return work.run();
        } finally {
            db.rollback();
            db.setAutoCommit(true);
        }
    }

    /** Introspects a database that holds only a model's objects. */
    public DatabaseSchema read(Connection dev) throws SQLException {
        try {
            return new PostgresIntrospector(new SchemaFilter(userSchemas(dev), Set.of())).refusingPartitions()
                    .introspect(dev);
        } catch (PartitionedTableException e) {
            throw new RetortException(e.getMessage() + " in the model; autogenerate does not compare partitioning "
                    + "yet and would create it as a plain table: take it out of the model, leave it out of the "
                    + "comparison with exclude_tables in [models], and write its migrations by hand.", e);
        }
    }

    /** A stable key for a model's DDL, naming the cached dev database. */
    public static String key(ModelDdl model) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(model.ddl().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<SqlStatement> statements(ModelDdl model) {
        List<SqlStatement> statements;
        try {
            statements = dialect.split(model.ddl());
        } catch (RetortException e) {
            throw new RetortException(model.origin() + ": " + e.getMessage(), e);
        }
        for (SqlStatement statement : statements) {
            String keyword = TransactionControl.keyword(statement.sql());
            if (keyword != null) {
                // The model is applied in a transaction that is rolled back: a COMMIT would keep it in the dev
                // database, and the next comparison would meet its tables there.
                throw new RetortException(model.origin() + " (line " + statement.line() + "): " + keyword
                        + " controls a transaction, while Retort applies the schema in one of its own and rolls it "
                        + "back (a COMMIT would leave the schema in the dev database); remove the schema file's BEGIN "
                        + "and COMMIT, as it holds the desired schema's DDL only.");
            }
        }
        return statements;
    }

    private void apply(ModelDdl model, Connection dev, SqlStatement statement) {
        try (Statement s = dev.createStatement()) {
            s.execute(statement.sql());
        } catch (SQLException e) {
            String sql = statement.sql().replaceAll("\\s+", " ");
            sql = sql.length() > 160 ? sql.substring(0, 157) + "..." : sql;
            String line = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            String where = statement.line() > 0 ? " (line " + statement.line() + ")" : " (as Retort writes it back)";
            // 42704: undefined_object, here a type such as geometry that an extension provides, and the dev
            // database lacks: the model is right, the dev database is not. (Types named after an extension the
            // server has, such as citext, do not get here: the caller creates the extension and tries again.)
            boolean type = "42704".equals(e.getSQLState()) && line.contains("type \"");
            // In a JPA model's DDL (which has owners), a type "name" with a space in it is a columnDefinition that
            // hibernate.globally_quoted_identifiers quoted whole: `"int generated always as (qty + 1) stored"`.
            Optional<String> quotedDefinition = type && !model.owners().isEmpty()
                    && QUOTED_DEFINITION.matcher(line).find()
                    ? Optional.of("Hibernate quoted a columnDefinition as the name of a type, as "
                            + "hibernate.globally_quoted_identifiers does unless "
                            + "hibernate.globally_quoted_identifiers_skip_column_definitions = \"true\" is set too: "
                            + "set it under [models.properties] in retort.toml (and in the application, whose schema "
                            + "export fails the same way), and run again.")
                    : Optional.empty();
            // 42883: undefined_function, as often an extension's (pgcrypto's gen_random_bytes in a default) that the
            // dev database lacks as a misspelt one.
            boolean function = "42883".equals(e.getSQLState()) && line.contains("function ");
            String extensionFunction = "If an extension provides the function (pgcrypto's gen_random_bytes, "
                    + "uuid-ossp's uuid_generate_v4), set dev_url in [models] to a database where the extension is "
                    + "installed, or have the model create it";
            // Also 42704: a collation the model creates itself, used where UnmodelledCollations does not look (a
            // check's or a partial index's expression); what Retort writes back leaves its CREATE COLLATION out.
            boolean collation = "42704".equals(e.getSQLState()) && line.contains("collation \"")
                    && model.ddl().toUpperCase(Locale.ROOT).contains("CREATE COLLATION");
            // Also 42704: a role that an owner or a grant names, as in a schema file that pg_dump wrote by default.
            boolean role = "42704".equals(e.getSQLState()) && line.contains("role \"");
            // Generated DDL (a JPA model's) has owners: its lines are no place the user can go to, the entity is.
            Optional<String> owner = statement.line() > 0
                    ? StatementOwner.of(model.owners(), statement.sql(), e.getMessage())
                    : Optional.empty();
            if (owner.isPresent()) {
                // 42703: undefined_column, here one that columnNames names and Hibernate passed on as written.
                boolean keyColumn = "42703".equals(e.getSQLState()) && owner.get().contains("(@UniqueConstraint ");
                String ownerAdvice = quotedDefinition.isPresent() ? quotedDefinition.get()
                        : type
                        ? "Fix the type in its mapping (columnDefinition), or, if an extension provides it, set "
                                + "dev_url in [models] to a database where the extension is installed, and run again. "
                                + "A domain or composite type that a migration creates cannot be mapped (Retort "
                                + "models tables, enum types and sequences): map the column by the type's base type."
                        : function
                        ? extensionFunction + " (an extension the application's database has is not in the dev "
                                + "database Retort maps the entities into); otherwise fix the mapping. Then run again."
                        : keyColumn
                        ? "Fix the columnNames of the @UniqueConstraint: each must be a column of the table or the "
                                + "field that maps it; then run again."
                        : reservedWord(e, line, statement.sql()).orElse("Fix the mapping and run again.");
                String message = owner.get() + ": " + line.replaceFirst("^ERROR:\\s*", "")
                        + " (PostgreSQL rejects Hibernate's `" + sql + "`). " + ownerAdvice;
                throw MissingType.of(message, e).map(RetortException.class::cast)
                        .orElseGet(() -> new RetortException(message, e));
            }
            String advice = quotedDefinition.isPresent() ? quotedDefinition.get()
                    : type
                    ? "If an extension provides the type, have the model create it (CREATE EXTENSION in the schema "
                            + "file), or set dev_url in [models] to a database where the extension is installed (the "
                            + "embedded dev database has only PostgreSQL's contrib extensions), and run again."
                    : function
                    ? extensionFunction + " (CREATE EXTENSION in the schema file); otherwise fix the model. Then run "
                            + "again."
                    : collation
                    ? "It is a collation" + UnmodelledCollations.WHY.replaceFirst("^, ", " ") + "Use"
                            + UnmodelledCollations.INSTEAD
                    : role
                    ? "Roles belong to the server, not to the schema, and autogenerate compares no owners or grants: "
                            + "leave them out of the schema file (`pg_dump --schema-only --no-owner --no-privileges`), "
                            + "or set dev_url in [models] to a database on a server that has the role, and run again."
                    : "Fix the model and run again.";
            String message = model.origin() + where + ": PostgreSQL rejects `" + sql + "`: " + line + ". " + advice;
            throw MissingType.of(message, e).map(RetortException.class::cast)
                    .orElseGet(() -> new RetortException(message, e));
        }
    }

    /**
     * The advice for a word PostgreSQL reserves that Hibernate wrote unquoted as a name ({@code create table order}),
     * which is how an entity named {@code Order} or {@code User} fails: quote it where the mapping names it, or have
     * Hibernate quote every name, as the application does with
     * {@code spring.jpa.properties.hibernate.globally_quoted_identifiers=true}.
     */
    private Optional<String> reservedWord(SQLException e, String line, String sql) {
        // 42601: syntax_error.
        Matcher near = SYNTAX_ERROR_NEAR.matcher(line);
        if (!"42601".equals(e.getSQLState()) || !near.find()) {
            return Optional.empty();
        }
        String word = near.group(1);
        String lower = word.toLowerCase(Locale.ROOT);
        if (dialect.quote(lower).equals(lower)) {
            return Optional.empty(); // not a keyword: some other syntax error, in a columnDefinition perhaps
        }
        if ((lower.equals("desc") || lower.equals("asc")) && UNIQUE_COLUMNS.matcher(sql).find()) {
            // @Index(columnList = "title, author DESC", unique = true): Hibernate makes it a UNIQUE constraint.
            return Optional.of(word + " is a sort order, which a unique constraint's columns cannot have: Hibernate "
                    + "makes a unique @Index (and a @UniqueConstraint) into one. Take " + word + " out of its "
                    + "columnList (the application's schema export fails on it too), and run again.");
        }
        String named = "\"\\\"" + word + "\\\"\"";
        String where;
        if (names(CREATE_SEQUENCE, word, sql)) {
            where = "@SequenceGenerator(sequenceName = " + named + ")";
        } else if (names(CREATE_OR_ALTER_TABLE, word, sql)) {
            where = "@Table(name = " + named + ")";
        } else if (names(CREATE_INDEX, word, sql)) {
            where = "@Index(name = " + named + ")";
        } else {
            where = "@Column(name = " + named + ")";
        }
        return Optional.of(word + " is a word PostgreSQL reserves: quote it where the mapping names it (" + where
                + "), or set hibernate.globally_quoted_identifiers = \"true\" under [models.properties] in "
                + "retort.toml (as the application's spring.jpa.properties.hibernate.globally_quoted_identifiers=true "
                + "does), and run again.");
    }

    /** Whether {@code statement} starts with {@code head} followed by {@code word}, with or without a schema. */
    private static boolean names(String head, String word, String statement) {
        return Pattern.compile("(?is)^\\s*" + head + "\\s+(\\S+\\.)?" + Pattern.quote(word) + "\\b")
                .matcher(statement).find();
    }

    /** The schemas the model created (and public), which the target is then compared within. */
    static List<String> userSchemas(Connection connection) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' "
                        + "AND nspname NOT IN ('information_schema') ORDER BY 1")) {
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
        }
        return schemas;
    }
}
