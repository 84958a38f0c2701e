package dev.retort.config;

import dev.retort.internal.FileStat;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The last parse of a config file, kept in Retort's state directory with the text it was parsed from, so that a
 * command whose file has not changed skips the TOML parser: its grammar and its classes cost a command 30 to
 * 45 ms, a tenth to a sixth of what {@code current} takes. The entry counts only when the file's text is byte for
 * byte the text kept, so no timestamp can fool it; a file with a syntax error is never kept.
 *
 * <p>Nor is the entry trusted for another file than the one Retort parsed: it counts only while the file has the
 * stat it had when the entry was written: its modification time, and where the file system has Unix attributes its
 * status-change time (ctime) and inode. Every write sets the ctime and no tool can set it back, so values a hostile
 * project brought under {@code .retort/cache/config}, beside the text of a harmless file, are not used (its
 * {@code pg_dump} would run with the password): not after a clone, which gives every file the time of its checkout,
 * nor after a copy that keeps times ({@code tar x} of a pax archive, which keeps the nanoseconds its author chose,
 * {@code cp -a}, {@code rsync -a}). Where there is no ctime (Windows), such a copy's entry is used. A time with no
 * fraction of a second is what an archive gives, a time whoever made it chose: a file so timed is parsed at every
 * run, and nothing is kept for it.
 *
 * <p>The entry holds the file's values, and a {@code database_url} may hold a password: it is written readable
 * by its owner alone, in {@code .retort/}, which also holds the embedded database and the backups. The cache is
 * only ever a shortcut: a missing, unreadable or damaged entry means a parse, and one that cannot be written is
 * left alone.
 */
final class ConfigCache {
    private static final int MAGIC = 0x52544346; // "RTCF"
    /** Raised when the entry's layout changes, or an upgrade of the parser reads some text differently. */
    private static final int FORMAT = 3;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final byte STRING = 0;
    private static final byte LONG = 1;
    private static final byte DOUBLE = 2;
    private static final byte TRUE = 3;
    private static final byte FALSE = 4;
    private static final byte ARRAY = 5;
    private static final byte TABLE = 6;
    private static final byte DATE_TIME = 7;

    private ConfigCache() {
    }

    /**
     * What an entry keeps of the config file's {@link FileStat}: when it was last modified and when its status last
     * changed (nanoseconds since the epoch), and its inode; the latter two are {@link #UNKNOWN} where the file system
     * has no Unix attributes.
     */
    record Stamp(long modified, long changed, long inode) {
        static final long UNKNOWN = FileStat.UNKNOWN;

        /** The stamp of {@code file} as it is now, in one stat. */
        static Stamp of(Path file) throws IOException {
            FileStat stat = FileStat.of(file);
            return new Stamp(stat.modified(), stat.changed(), stat.inode());
        }
    }

    /**
     * The parse kept in {@code cacheFile} if it was made from {@code text}, in the file of the stamp {@code stamp};
     * empty otherwise.
     */
    static Optional<ConfigTable> read(Path cacheFile, String text, Stamp stamp) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(cacheFile)));
            if (in.readInt() != MAGIC || in.readInt() != FORMAT
                    || !sameFile(new Stamp(in.readLong(), in.readLong(), in.readLong()), stamp)
                    || !Arrays.equals(bytes(in), text.getBytes(StandardCharsets.UTF_8))) {
                return Optional.empty();
            }
            return Optional.of(table(in));
        } catch (IOException | RuntimeException e) {
            // No entry yet, another format's, or a damaged one: the file is parsed.
            return Optional.empty();
        }
    }

    /**
     * Whether the file of the stamp {@code present} is the one of {@code kept}: the same time, with a fraction of a
     * second, and the same ctime and inode, which a copy keeping times does not keep. A time without a fraction is
     * what an archive gives ({@code git archive} stamps every file with the commit's time, which whoever commits
     * chooses), so a parse kept for it may have come with the files; such a file is parsed at every run.
     */
    private static boolean sameFile(Stamp kept, Stamp present) {
        return kept.equals(present) && keeps(present);
    }

    /**
     * Whether a parse of the file of the stamp {@code stamp} can be used again: not for a time without a fraction of
     * a second, so a command does not write at every run an entry that no run reads.
     */
    static boolean keeps(Stamp stamp) {
        return Math.floorMod(stamp.modified(), NANOS_PER_SECOND) != 0;
    }

    /**
     * Keeps {@code table} as the parse of {@code text}, in the file of the stamp {@code stamp}, in {@code cacheFile},
     * whole or not at all: it is written beside and moved into place, so a command reading it at the same time sees
     * the old entry or the new one.
     */
    static void write(Path cacheFile, String text, ConfigTable table, Stamp stamp) {
        Path temporary = cacheFile.resolveSibling(cacheFile.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(buffer);
            out.writeInt(MAGIC);
            out.writeInt(FORMAT);
            out.writeLong(stamp.modified());
            out.writeLong(stamp.changed());
            out.writeLong(stamp.inode());
            bytes(out, text.getBytes(StandardCharsets.UTF_8));
            table(out, table);
            out.flush();
            Files.createDirectories(cacheFile.getParent());
            Files.deleteIfExists(temporary);
            try {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(temporary); // no Unix permissions (Windows): the directory's rights apply
            }
            Files.write(temporary, buffer.toByteArray());
            Files.move(temporary, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // A read-only project, a full disk: the next command parses the file again.
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // Left behind in the cache directory; nothing reads it.
            }
        }
    }

    private static ConfigTable table(DataInputStream in) throws IOException {
        ConfigTable table = new ConfigTable();
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            String key = string(in);
            int line = in.readInt();
            table.put(key, value(in), line);
        }
        return table;
    }

    private static Object value(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case STRING:
                return string(in);
            case LONG:
                return in.readLong();
            case DOUBLE:
                return in.readDouble();
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case ARRAY:
                int size = in.readInt();
                List<Object> items = new ArrayList<>(Math.min(size, 1024));
                for (int i = 0; i < size; i++) {
                    items.add(value(in));
                }
                return items;
            case TABLE:
                return table(in);
            case DATE_TIME:
                return ConfigTable.DATE_TIME;
            default:
                throw new IOException("unknown value tag " + tag);
        }
    }

    private static void table(DataOutputStream out, ConfigTable table) throws IOException {
        out.writeInt(table.keys().size());
        for (String key : table.keys()) {
            string(out, key);
            out.writeInt(table.line(key));
            value(out, table.get(key));
        }
    }

    private static void value(DataOutputStream out, Object value) throws IOException {
        if (value instanceof String text) {
            out.writeByte(STRING);
            string(out, text);
        } else if (value instanceof Long number) {
            out.writeByte(LONG);
            out.writeLong(number);
        } else if (value instanceof Double number) {
            out.writeByte(DOUBLE);
            out.writeDouble(number);
        } else if (value instanceof Boolean flag) {
            out.writeByte(flag ? TRUE : FALSE);
        } else if (value instanceof List<?> items) {
            out.writeByte(ARRAY);
            out.writeInt(items.size());
            for (Object item : items) {
                value(out, item);
            }
        } else if (value instanceof ConfigTable table) {
            out.writeByte(TABLE);
            table(out, table);
        } else {
            out.writeByte(DATE_TIME);
        }
    }

    private static String string(DataInputStream in) throws IOException {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }

    private static void string(DataOutputStream out, String text) throws IOException {
        bytes(out, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("damaged length " + length);
        }
        return in.readNBytes(length);
    }

    private static void bytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }
}
