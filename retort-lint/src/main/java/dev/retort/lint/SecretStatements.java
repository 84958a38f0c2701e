package dev.retort.lint;

import dev.retort.dialect.Dialect;
import dev.retort.dialect.SecretsInSql;
import dev.retort.dialect.SqlToken;
import dev.retort.dialect.TableColumns;
import dev.retort.dialect.postgres.PostgresDialect;
import dev.retort.operation.AddColumn;
import dev.retort.operation.AlterColumn;
import dev.retort.operation.Autocommit;
import dev.retort.operation.BulkInsert;
import dev.retort.operation.CreateTable;
import dev.retort.operation.Execute;
import dev.retort.operation.Operation;
import java.util.ArrayList;
import java.util.List;

/**
 * Rule RT116 over the statements a section runs, as {@code upgrade --sql} prints them: the passwords that a statement's
 * structure makes secret, where no word on their line says so, as {@link SecretsInSql} finds them for Retort's
 * messages and {@code --sql}'s warnings. A password column's value in the rows of an {@code INSERT} (the column list
 * may be lines above it, or, where there is none, in the {@code CREATE TABLE} before) or of {@code op.bulkInsert},
 * a password column's literal default, and the value of a setting or key named for a secret are such passwords;
 * {@link SecretScanner}, which reads the file line by line, cannot see them.
 *
 * <p>The columns of an {@code INSERT} that lists none are those the section's statements before it give its table:
 * of a table made elsewhere, which value is a password is not known without a database, and nothing is said. The
 * placeholders {@link SecretScanner} ignores are no passwords here either ({@code '${ADMIN_PASSWORD}'}).
 */
final class SecretStatements {
    private static final Dialect DIALECT = new PostgresDialect();

    private final SourceLines lines;
    /** The tables the section made so far: one made elsewhere is left alone, as the linter reads no catalog. */
    private final TableColumns columns = new TableColumns().knownOnly();

    SecretStatements(SourceLines lines) {
        this.lines = lines;
    }

    /** The hits of {@code section}'s operations, in order, with the lines of {@code lines} they are written on. */
    static List<Hit> check(List<Operation> section, SourceLines lines) {
        SecretStatements secrets = new SecretStatements(lines);
        List<Hit> hits = new ArrayList<>();
        for (Operation operation : Autocommit.flatten(section)) {
            hits.addAll(secrets.next(operation));
        }
        return hits;
    }

    /**
     * The hit of {@code operation}, the next of the section, when one of its statements holds a password that
     * {@link SecretScanner} does not report already: one for the operation, at the line its statement or call starts.
     */
    List<Hit> next(Operation operation) {
        List<Hit> hits = new ArrayList<>();
        for (String sql : statements(operation)) {
            if (hits.isEmpty() && SecretScanner.scan(sql).isEmpty()) {
                hits.addAll(password(operation, sql, 0, ""));
            }
            columns.learn(sql);
        }
        return hits;
    }

    /**
     * The hit of {@code sql}, which {@code operation} runs {@code lineOffset} lines after its first, when it holds a
     * password: of the first statement of a {@code DO} block in it that holds one ({@code EXECUTE format('ALTER ROLE
     * app PASSWORD %L', '...')}, which {@link SecretScanner} cannot see as written), at that statement's line, else of
     * {@code sql} itself; {@code written} is the line of the block's text that statement starts on.
     */
    private List<Hit> password(Operation operation, String sql, int lineOffset, String written) {
        // A statement is a block only if it starts with DO: the rows of a long INSERT are not split to find one.
        for (DoBlocks.Part part : DoBlocks.parts(sql)) {
            List<Hit> hits = part.dynamic() ? List.of()
                    : password(operation, part.sql(), lineOffset + part.lineOffset(), part.written());
            if (!hits.isEmpty()) {
                return hits;
            }
        }
        List<String> found = SecretsInSql.values(sql, columns).stream()
                .filter(value -> !SecretScanner.isPlaceholder(value)).toList();
        if (found.isEmpty()) {
            return List.of();
        }
        String shown = otherStringsLeftOut(SecretsInSql.masked(sql, columns)).strip().replaceAll("\\s+", " ");
        return List.of(new Hit(RuleCatalog.SECRET, "holds a password as a literal (`" + cut(shown) + "`); move it to "
                + "the environment or a secret store and rotate it, since the file is in version control",
                line(operation, found.get(0), lineOffset, written)));
    }

    /**
     * The statements {@code operation} runs; a statement the dialect refuses to render (a psql variable, which the
     * loader reports) is read as it is written, since it may hold a password all the same.
     */
    private static List<String> statements(Operation operation) {
        try {
            return DIALECT.render(operation);
        } catch (RuntimeException e) {
            return operation instanceof Execute execute ? List.of(execute.sql()) : List.of();
        }
    }

    /**
     * Where {@code operation}'s statement that is {@code lineOffset} lines after its first, {@code written} there,
     * is written ({@link SourceLines#lineWithin}), from the first line of its statement, or its call on {@code op};
     * failing that, the line of {@code password}, its first password as written, unless it is so short that it may be
     * part of any line; else 0.
     */
    private int line(Operation operation, String password, int lineOffset, String written) {
        int line = 0;
        if (operation instanceof Execute execute) {
            line = OperationRules.locate(lines, SqlRules.firstCodeLine(execute.sql()));
        } else if (operation instanceof BulkInsert insert) {
            line = OperationRules.locate(lines, "bulkInsert", quoted(insert.table().name()));
        } else if (operation instanceof CreateTable create) {
            line = OperationRules.locate(lines, "createTable", quoted(create.table().name()));
        } else if (operation instanceof AddColumn add) {
            line = OperationRules.locate(lines, "addColumn", quoted(add.table().name()), quoted(add.column().name()));
        } else if (operation instanceof AlterColumn alter) {
            line = OperationRules.locate(lines, "alterColumn", quoted(alter.table().name()), quoted(alter.column()));
        }
        if (line > 0) {
            return lines.lineWithin(line, lineOffset, written);
        }
        return password.length() < 4 ? 0 : lines.find(password);
    }

    /**
     * {@code masked}, a statement with its passwords hidden, with the content of its other strings left out too:
     * {@code VALUES (2, '...', '***', '...')}. A token or a key in another column is no password, yet a finding shows
     * no secret.
     */
    private static String otherStringsLeftOut(String masked) {
        StringBuilder shown = new StringBuilder(masked.length());
        int copied = 0;
        for (SqlToken token : SqlToken.of(masked)) {
            boolean plain = token.kind() == SqlToken.Kind.STRING || token.kind() == SqlToken.Kind.ESCAPE_STRING;
            if (plain && !token.content().isEmpty() && !token.content().equals("***")) {
                shown.append(masked, copied, token.contentStart()).append("...");
                copied = token.contentEnd();
            }
        }
        return shown.append(masked, copied, masked.length()).toString();
    }

    /** {@code text}, cut at 160 characters as {@code --sql}'s warnings cut a statement. */
    private static String cut(String text) {
        return text.length() <= 160 ? text : text.substring(0, 157) + "...";
    }

    private static String quoted(String name) {
        return "\"" + name + "\"";
    }
}
