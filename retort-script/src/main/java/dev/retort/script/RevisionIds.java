package dev.retort.script;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Revision ids: 12 lowercase hex characters, random for new revisions. */
public final class RevisionIds {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{12}");

    private RevisionIds() {
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public static String random() {
        byte[] bytes = new byte[6];
        Random.SOURCE.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Seeded on first use: reading migration files never needs it, and seeding costs a command's start. */
    private static final class Random {
        static final SecureRandom SOURCE = new SecureRandom();
    }
}
