package dev.retort.jpa;

import dev.retort.NameBytes;
import org.hibernate.boot.model.naming.Identifier;

/**
 * Names as PostgreSQL stores them, the one place the model's names are made: the DDL is applied to a database, which
 * folds and cuts the names in it, so the names the model gives beside the DDL (renames, owners, sequences, unique
 * constraints) must be folded and cut the same way, or the diff compares a name the database never has.
 */
final class StoredNames {
    private StoredNames() {
    }

    /** The name PostgreSQL stores for {@code identifier}: {@link #folded} and then {@link #clipped}. */
    static String stored(Identifier identifier) {
        return clipped(folded(identifier));
    }

    /**
     * The whole name PostgreSQL reads before it cuts it: a quoted one as written, an unquoted one with ASCII letters
     * in lower case (PostgreSQL folds only those in a multi-byte encoding). Under {@code naming = "jpa"} the DDL says
     * {@code create table CustomerAccount}, and the database, so the diff, has {@code customeraccount}. Names derived
     * from another (an old collection table after an old entity name) are derived from this, then clipped: cut
     * first, the part after the entity name would be cut at another place than the database cuts it.
     */
    static String folded(Identifier identifier) {
        String text = identifier.getText();
        if (identifier.isQuoted()) {
            return text;
        }
        StringBuilder folded = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            folded.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return folded.toString();
    }

    /** {@code name} cut to the bytes PostgreSQL keeps of it ({@link NameBytes#clip}). */
    static String clipped(String name) {
        return NameBytes.clip(name, NameBytes.MAX);
    }
}
