package dev.retort.script;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads a migration file's text: what the directory reads for headers and a cached script reads when needed. */
final class ScriptText {
    /**
     * What editors that save UTF-8 "with signature" (Notepad, and others on Windows) write first in a file: a mark
     * of the encoding, not text. Left in, it is SQL before a SQL migration's header, and javac rejects it.
     */
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private ScriptText() {
    }

    /**
     * The text of a migration file, without a byte-order mark before it, CRLF read as LF; {@code size} is as for
     * {@link #readText(Path, long)}.
     */
    static String read(Path file, long size) {
        String name = file.getFileName().toString();
        try {
            String text = readText(file, size);
            if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
                text = text.substring(1);
            }
            return text.replace("\r\n", "\n");
        } catch (MalformedInputException e) {
            throw new ScriptException(name + " is not valid UTF-8 text; save it as UTF-8.", e);
        } catch (AccessDeniedException e) {
            throw new ScriptException(name + " cannot be read (permission denied).", e);
        } catch (NoSuchFileException e) {
            throw new ScriptException(name + " disappeared while it was being read.", e);
        } catch (IOException e) {
            throw new ScriptException(name + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The text of a migration read as bytes from elsewhere than a file of its own (a class path resource in a jar),
     * handled as {@link #read(Path, long)} handles a file's; {@code name} names it in messages.
     */
    static String decode(String name, byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
                text = text.substring(1);
            }
            return text.replace("\r\n", "\n");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ScriptException(name + " is not valid UTF-8 text; save it as UTF-8.", e);
        }
    }

    /**
     * The file's text, strictly decoded as UTF-8. The size from the file's stat spares two of the system calls of
     * {@code Files.readString} (a second stat, and a last read that finds the end), a tenth of a second on a
     * history of 10,000 files: the read asks for a byte more than that size, and a regular file that returns
     * fewer bytes than asked is at its end. A file that grew since it was listed is read on to its end.
     */
    static String readText(Path file, long size) throws IOException {
        if (size >= Integer.MAX_VALUE - 8) {
            throw new IOException("the file is too large (" + size + " bytes)");
        }
        byte[] bytes = new byte[(int) size + 1];
        int length = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(bytes, length, bytes.length - length)) > 0; ) {
                length += n;
                if (length == size) {
                    break;
                }
                if (length == bytes.length) {
                    bytes = Arrays.copyOf(bytes, bytes.length * 2);
                }
            }
        }
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            // The file holds U+FFFD, or bytes that are not UTF-8 and that new String replaced: tell which.
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, 0, length));
        }
        return text;
    }
}
