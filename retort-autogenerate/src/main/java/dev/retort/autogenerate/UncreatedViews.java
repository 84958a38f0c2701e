package dev.retort.autogenerate;

import dev.retort.dialect.SqlStatement;
import dev.retort.operation.QualifiedName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the views a model creates that the database lacks.
 *
 * <p>Retort compares tables only, so such a view gets no migration, and {@code check} finds nothing missing, while
 * the application fails on it: a Hibernate {@code @View} entity, whose DDL is a {@code CREATE VIEW}, is validated
 * against the view and read from it. A schema file's {@code CREATE VIEW} is the same. A view the database has, under
 * the name the model gives it, is taken for the model's: its definition is not compared.
 */
public final class UncreatedViews {
    static final String NAME = "(?:\"(?:[^\"]|\"\")*\"|[\\p{L}_][\\p{L}\\p{N}_$]*)";
    private static final Pattern CREATE_VIEW = Pattern.compile("(?is)\\s*create\\s+(?:or\\s+replace\\s+)?"
            + "(materialized\\s+)?view\\s+(?:if\\s+not\\s+exists\\s+)?(" + NAME + "(?:\\s*\\.\\s*" + NAME + ")?)");
    private static final Pattern PART = Pattern.compile(NAME);

    private UncreatedViews() {
    }

    /**
     * One warning for each view that {@code statements}, the DDL of {@code model}, create and {@code target} lacks,
     * but those {@code excluded} names ({@code exclude_tables}: exact names in any case, and globs).
     */
    public static List<String> warnings(ModelDdl model, List<SqlStatement> statements, Connection target,
            List<String> excluded) throws SQLException {
        List<String> warnings = new ArrayList<>();
        ExcludedNames listed = ExcludedNames.of(excluded, HomeSchema.PUBLIC);
        try (PreparedStatement exists = target.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            for (SqlStatement statement : statements) {
                Matcher view = CREATE_VIEW.matcher(statement.sql());
                if (!view.lookingAt()) {
                    continue;
                }
                ViewName name = ViewName.of(view.group(2));
                if (listed.excludes(name.compared())) {
                    continue;
                }
                exists.setString(1, view.group(2));
                try (ResultSet rs = exists.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        continue;
                    }
                }
                String kind = view.group(1) == null ? "view" : "materialized view";
                String owner = model.owners().getOrDefault(name.shown(), model.origin());
                String create = kind.toUpperCase(Locale.ROOT);
                String quoted = name.shown().replace("\"", "\\\"");
                warnings.add("the model creates " + kind + " " + name.shown() + " (" + owner + "), which the database "
                        + "lacks: Retort compares no views, so no migration of its own creates it. Create it in a "
                        + "migration you write (op.execute(\"CREATE " + create + " " + quoted
                        + " AS ...\"), with DROP " + create + " in the downgrade), or list it in exclude_tables in "
                        + "[models]; the model's DDL has it as: " + statement.sql().strip().replaceAll("\\s+", " "));
            }
        }
        return warnings;
    }

    /**
     * A view's name (or a table's, or a function's) as the DDL writes it, read once.
     *
     * @param compared the name as the comparison names tables: unquoted, unquoted parts folded, none for {@code public}
     * @param shown the name as PostgreSQL reads it, quoted where it must be: each unquoted part in lower case
     */
    record ViewName(QualifiedName compared, String shown) {
        static ViewName of(String written) {
            List<String> parts = new ArrayList<>();
            StringBuilder shown = new StringBuilder();
            Matcher part = PART.matcher(written);
            while (part.find()) {
                String text = part.group();
                boolean quoted = text.startsWith("\"");
                parts.add(quoted ? text.substring(1, text.length() - 1).replace("\"\"", "\"")
                        : text.toLowerCase(Locale.ROOT));
                shown.append(shown.isEmpty() ? "" : ".").append(quoted ? text : text.toLowerCase(Locale.ROOT));
            }
            QualifiedName compared = parts.size() == 1 ? QualifiedName.of(parts.get(0))
                    : QualifiedName.of(parts.get(0).equals(HomeSchema.PUBLIC) ? null : parts.get(0), parts.get(1));
            return new ViewName(compared, shown.toString());
        }
    }
}
