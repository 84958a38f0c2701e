package dev.retort.autogenerate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The source text of the database's functions and procedures, read to find the enum types and sequences they use.
 *
 * <p>PostgreSQL records what a function uses in {@code pg_depend} only for its signature and a SQL-standard body
 * ({@code BEGIN ATOMIC}). A body kept as text, as every PL/pgSQL one is ({@code nextval('invoice_no')}, {@code DECLARE
 * p prio}), leaves no trace there, and a comparison that went by {@code pg_depend} alone would drop what such a
 * function needs: the function would fail from then on, and the sequence made again by the downgrade would hand out
 * its numbers again. So a name found in a body counts as used. A match says only that the body holds the name as a
 * word, perhaps of something else (a column, a word in a comment), which at worst leaves an unused type or sequence
 * in place.
 */
final class FunctionBodies {
    /**
     * The bodies of the functions and procedures outside PostgreSQL's own schemas that are kept as text: not C or
     * internal ones, whose source is a symbol, nor an extension's, written without knowing the database's objects.
     */
    private static final String QUERY = """
            select p.prosrc, case when n.nspname = any (current_schemas(false)) then p.proname
                                  else n.nspname || '.' || p.proname end
            from pg_proc p
            join pg_namespace n on n.oid = p.pronamespace
            join pg_language l on l.oid = p.prolang
            where l.lanname not in ('internal', 'c')
              and n.nspname not like 'pg\\_%' and n.nspname <> 'information_schema'
              and p.prosrc is not null and p.prosrc <> ''
              and not exists (select 1 from pg_depend e
                              where e.classid = 'pg_proc'::regclass and e.objid = p.oid and e.deptype = 'e')""";
    /** What continues an identifier: a name within a longer one is not that name. */
    private static final String IDENTIFIER_CHARACTER = "[\\p{L}\\p{N}_$]";

    /** A function's body, and its name as a warning gives it (with its schema when the search path lacks that). */
    private record Body(String text, String function) {
    }

    private final List<Body> bodies;

    private FunctionBodies(List<Body> bodies) {
        this.bodies = List.copyOf(bodies);
    }

    static FunctionBodies read(Connection target) throws SQLException {
        List<Body> bodies = new ArrayList<>();
        try (Statement statement = target.createStatement(); ResultSet rows = statement.executeQuery(QUERY)) {
            while (rows.next()) {
                bodies.add(new Body(rows.getString(1), rows.getString(2)));
            }
        }
        return new FunctionBodies(bodies);
    }

    /**
     * Whether a body names {@code name} as an identifier, in any case, qualified or not, bare ({@code DECLARE p prio})
     * or quoted ({@code nextval('billing.invoice_no')}, {@code "prio"}).
     */
    boolean name(String name) {
        return !naming(name).isEmpty();
    }

    /** The functions and procedures whose body names {@code name} (see {@link #name}), each once, sorted. */
    List<String> naming(String name) {
        Pattern word = Pattern.compile("(?<!" + IDENTIFIER_CHARACTER + ")" + Pattern.quote(name) + "(?!"
                + IDENTIFIER_CHARACTER + ")", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return bodies.stream().filter(body -> word.matcher(body.text()).find()).map(Body::function).distinct()
                .sorted().toList();
    }
}
