package dev.retort.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One fenced code block of a Markdown file: its info string ({@code sh}, {@code text}, ...), its lines
 * and where it starts.
 *
 * @param file the Markdown file, for messages
 * @param info the first word after the opening fence, or "" for a plain block
 * @param lines the lines between the fences, with the fence's indentation removed
 * @param line the 1-based line number of the opening fence
 * @param skipped whether the comment {@code <!-- guide-test: skip -->} stands right before the block
 */
record FencedBlock(Path file, String info, List<String> lines, int line, boolean skipped) {
    static final String SKIP_MARKER = "<!-- guide-test: skip -->";

    FencedBlock {
        lines = List.copyOf(lines);
    }

    /** Returns the fenced blocks of a Markdown file, in order. */
    static List<FencedBlock> read(Path file) {
        try {
            return parse(file, Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Returns the fenced blocks of Markdown text given as lines. */
    static List<FencedBlock> parse(Path file, List<String> text) {
        List<FencedBlock> blocks = new ArrayList<>();
        String previousLine = "";
        int i = 0;
        while (i < text.size()) {
            String opening = text.get(i);
            int indent = opening.length() - opening.stripLeading().length();
            if (!opening.stripLeading().startsWith("```")) {
                if (!opening.isBlank()) {
                    previousLine = opening.strip();
                }
                i++;
                continue;
            }
            String info = opening.strip().substring(3).strip().split("\\s+", 2)[0];
            List<String> body = new ArrayList<>();
            int j = i + 1;
            while (j < text.size() && !text.get(j).strip().equals("```")) {
                body.add(dedent(text.get(j), indent));
                j++;
            }
            if (j == text.size()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": the code block opened here is never closed.");
            }
            blocks.add(new FencedBlock(file, info, body, i + 1, previousLine.equals(SKIP_MARKER)));
            previousLine = "```";
            i = j + 1;
        }
        return blocks;
    }

    /** Where the block is, as {@code guide.md:42}. */
    String where() {
        return file.getFileName() + ":" + line;
    }

    private static String dedent(String line, int indent) {
        int spaces = 0;
        while (spaces < indent && spaces < line.length() && line.charAt(spaces) == ' ') {
            spaces++;
        }
        return line.substring(spaces);
    }
}
