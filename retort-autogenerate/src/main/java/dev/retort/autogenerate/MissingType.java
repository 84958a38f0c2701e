package dev.retort.autogenerate;

import dev.retort.RetortException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model names a type the dev database lacks (PostgreSQL's {@code type "citext" does not exist}). Most such types
 * come from the extension of the same name (citext, hstore, ltree, cube, seg, lo), and a JPA model cannot say
 * {@code CREATE EXTENSION}: {@link ScratchDatabase} then creates that extension and applies the model again, so that
 * the desired schema, and the migration written from it, has the extension.
 */
final class MissingType extends RetortException {
    /** The type's name; an array of it ({@code citext[]}) needs the same extension. */
    private static final Pattern TYPE = Pattern.compile("type \"([a-z_][a-z0-9_]*)(?:\\[\\])*\" does not exist");

    private final String type;

    private MissingType(String message, String type, SQLException cause) {
        super(message, cause);
        this.type = type;
    }

    /** The missing type's name, without array brackets. */
    String type() {
        return type;
    }

    /** The failure of a statement that named a missing type, or empty for any other failure. */
    static Optional<MissingType> of(String message, SQLException cause) {
        if (!"42704".equals(cause.getSQLState()) || cause.getMessage() == null) {
            return Optional.empty();
        }
        Matcher matcher = TYPE.matcher(cause.getMessage());
        return matcher.find() ? Optional.of(new MissingType(message, matcher.group(1), cause)) : Optional.empty();
    }

    /**
     * The extension to create for the type: the one of the same name, when {@code db}'s server offers it and it is
     * not among {@code created}, the extensions created for earlier attempts (which did not provide the type).
     */
    Optional<String> extension(Connection db, Set<String> created) throws SQLException {
        if (created.contains(type)) {
            return Optional.empty();
        }
        try (PreparedStatement s = db.prepareStatement("SELECT 1 FROM pg_available_extensions WHERE name = ?")) {
            s.setString(1, type);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(type) : Optional.empty();
            }
        }
    }
}
