package dev.retort.autogenerate;

import dev.retort.RetortException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the migrations written from a comparison put what they name without a schema, and so which of the target's
 * schemas the model's unqualified objects are compared with.
 *
 * <p>A migration's unqualified {@code CREATE TABLE} goes to the first schema of the connection's search path that
 * exists when it runs: {@code public}, a tenant's ({@code ?currentSchema=tenant_a,public}), or a schema the run
 * creates before it: the model's, which the same migration creates first, or {@code version_table_schema}, which
 * Retort creates before the first migration (a new tenant's). Three cases follow:
 * <ul>
 *   <li>{@code public}: the model's unqualified objects are those of {@code public}, named without a schema.</li>
 *   <li>A schema the model does not name (a tenant's): its objects are the model's unqualified ones, and the
 *       migration, unqualified too, builds the same tables for every tenant.</li>
 *   <li>A schema the model names itself ({@code @Table(schema = "billing")} beside unqualified tables): the model's
 *       unqualified objects are {@code public}'s, and since an unqualified name would land in the other schema, the
 *       comparison names them {@code public.} (see {@link PublicQualified}).</li>
 * </ul>
 *
 * @param unqualified the target's schema whose objects carry no schema in the comparison
 * @param qualifiesPublic whether every object, {@code public}'s too, must be named with its schema
 */
record HomeSchema(String unqualified, boolean qualifiesPublic) {
    static final String PUBLIC = "public";

    /**
     * Reads the target's search path.
     *
     * @param modelSchemas the schemas the model creates: a migration creates any the target lacks before the tables
     *     in it, so one of them ahead of the others on the path is where unqualified names will land
     * @param versionTableSchema the schema of Retort's tables, which a run creates before its first migration, so
     *     that it too is where unqualified names will land when the path names it ahead of the others
     * @throws RetortException when the path names first a schema that does not exist and that no run creates: the
     *     names land in the next one now, but in that one once someone creates it
     */
    static HomeSchema of(Connection target, List<String> modelSchemas, Optional<String> versionTableSchema)
            throws SQLException {
        String current;
        String path;
        String user;
        try (PreparedStatement s = target.prepareStatement(
                "SELECT current_schema(), current_setting('search_path'), session_user");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            current = rs.getString(1);
            path = rs.getString(2);
            user = rs.getString(3);
        }
        String landing = current;
        for (String entry : entries(path)) {
            String schema = entry.equals("$user") ? user : entry;
            // current_schema() is the first entry that exists, so entries before it exist nowhere yet.
            if (schema.equals(current) || modelSchemas.contains(schema)
                    || versionTableSchema.filter(schema::equals).isPresent()) {
                landing = schema;
                break;
            }
            // The default path's "$user" and public, and the system schemas, are passed over where missing or closed
            // to the user (public is often dropped or revoked where every table is qualified); any other schema named
            // first is meant to get the tables, and a comparison with the next one would write the migration for
            // that one's (dropping what the model lacks), to run where the names may land by then: in this one.
            if (!entry.equals("$user") && !entry.equals(PUBLIC) && !entry.startsWith("pg_")) {
                throw new RetortException("The connection's search_path (" + path + ") names schema " + schema
                        + " first, which does not exist (or which the user may not use) and which no run creates, "
                        + "so the models cannot be compared with the schema a migration's tables would go to; create "
                        + "schema " + schema + ", or set version_table_schema = \"" + schema + "\", which Retort "
                        + "creates.");
            }
        }
        if (landing == null || landing.equals(PUBLIC)) {
            return new HomeSchema(PUBLIC, false);
        }
        return modelSchemas.contains(landing) ? new HomeSchema(PUBLIC, true) : new HomeSchema(landing, false);
    }

    /**
     * The schemas of a {@code search_path} setting as PostgreSQL takes them: separated by commas, quoted ones as
     * written, the others folded to lower case.
     */
    static List<String> entries(String path) {
        List<String> entries = new ArrayList<>();
        StringBuilder entry = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < path.length() && path.charAt(i + 1) == '"') {
                    entry.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    entry.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                add(entries, entry, wasQuoted);
                entry.setLength(0);
                wasQuoted = false;
            } else if (!Character.isWhitespace(c)) {
                entry.append(c);
            }
        }
        add(entries, entry, wasQuoted);
        return entries;
    }

    private static void add(List<String> entries, StringBuilder entry, boolean quoted) {
        if (!entry.isEmpty()) {
            entries.add(quoted ? entry.toString() : entry.toString().toLowerCase(Locale.ROOT));
        }
    }
}
