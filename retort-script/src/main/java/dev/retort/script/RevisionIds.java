package dev.retort.script;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Revision ids: 12 lowercase hex characters, random for new revisions. */
public final class RevisionIds {
    private static final int LENGTH = 12;

    private RevisionIds() {
    }

    /** True for 12 lowercase hex characters. (A loop rather than a regex: every file's header is checked at start.) */
    public static boolean isValid(String id) {
        if (id == null || id.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
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
