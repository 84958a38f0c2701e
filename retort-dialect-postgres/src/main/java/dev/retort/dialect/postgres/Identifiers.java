package dev.retort.dialect.postgres;

import dev.retort.RetortException;
import dev.retort.operation.QualifiedName;
import java.util.Set;

/** Quotes PostgreSQL identifiers only when they need it, the way {@code quote_ident()} does. */
final class Identifiers {
    /**
     * Every keyword that is not "unreserved" in PostgreSQL 17 (reserved, column-name and
     * type/function-name keywords, from {@code pg_get_keywords()}): such a word cannot stand
     * unquoted everywhere a name can, so it is always quoted. Quoting a word that a later release
     * unreserves stays correct.
     */
    private static final Set<String> KEYWORDS = Set.of(
            // reserved
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
            "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
            "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
            "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
            "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning",
            "select", "session_user", "some", "symmetric", "system_user", "table", "then", "to", "trailing", "true",
            "union", "unique", "user", "using", "variadic", "when", "where", "window", "with",
            // type or function names only
            "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
            "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
            "right", "similar", "tablesample", "verbose",
            // column names only
            "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists",
            "extract", "float", "greatest", "grouping", "inout", "int", "integer", "interval", "json", "json_array",
            "json_arrayagg", "json_exists", "json_object", "json_objectagg", "json_query", "json_scalar",
            "json_serialize", "json_table", "json_value", "least", "merge_action", "national", "nchar", "none",
            "normalize", "nullif", "numeric", "out", "overlay", "position", "precision", "real", "row", "setof",
            "smallint", "substring", "time", "timestamp", "treat", "trim", "values", "varchar", "xmlattributes",
            "xmlconcat", "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot",
            "xmlserialize", "xmltable");

    private Identifiers() {
    }

    /** {@code identifier} unchanged if it is a lowercase non-keyword name, otherwise in double quotes. */
    static String quote(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new RetortException("An empty name cannot be written as an SQL identifier; give the object a name.");
        }
        if (identifier.indexOf('\0') >= 0) {
            throw new RetortException("Name \"" + identifier.replace("\0", "\\0") + "\" contains a NUL character, "
                    + "which PostgreSQL does not allow in names; remove it.");
        }
        if (isPlain(identifier) && !KEYWORDS.contains(identifier)) {
            return identifier;
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A possibly schema-qualified name, each part quoted as needed. */
    static String quote(QualifiedName name) {
        return name.schema() == null ? quote(name.name()) : quote(name.schema()) + "." + quote(name.name());
    }

    /** Whether PostgreSQL reads {@code identifier} unquoted as exactly itself: {@code [a-z_][a-z0-9_$]*}. */
    private static boolean isPlain(String identifier) {
        char first = identifier.charAt(0);
        if (!(first >= 'a' && first <= 'z' || first == '_')) {
            return false;
        }
        for (int i = 1; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '$')) {
                return false;
            }
        }
        return true;
    }
}
