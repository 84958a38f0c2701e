package dev.retort.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One command of a {@code sh} block: a line (with its {@code \} continuations) or a line with its heredoc.
 *
 * @param text the command as a shell would read it; a heredoc's body and terminator follow on further lines
 * @param line the 1-based line number in the Markdown file where the command starts
 * @param expectedExit the exit code the guide promises: N for a line ending in {@code # exits N}, else 0
 */
record ShellCommand(String text, int line, int expectedExit) {
    private static final Pattern HEREDOC = Pattern.compile("<<(-?)\\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\\2");
    private static final Pattern EXITS = Pattern.compile("#\\s*exits\\s+(\\d+)\\s*$");

    /** Returns the commands of a {@code sh} block, in order; comment lines and blank lines are not commands. */
    static List<ShellCommand> parse(FencedBlock block) {
        List<ShellCommand> commands = new ArrayList<>();
        List<String> lines = block.lines();
        int i = 0;
        while (i < lines.size()) {
            int start = i;
            String first = lines.get(i);
            i++;
            if (first.isBlank() || first.strip().startsWith("#")) {
                continue;
            }
            // A trailing backslash continues the command on the next line, as in a shell.
            StringBuilder joined = new StringBuilder(first);
            while (joined.toString().endsWith("\\") && i < lines.size()) {
                joined.setLength(joined.length() - 1);
                joined.append(' ').append(lines.get(i).strip());
                i++;
            }
            String head = joined.toString();
            StringBuilder text = new StringBuilder(head);
            Matcher heredoc = HEREDOC.matcher(head);
            if (heredoc.find()) {
                boolean stripTabs = !heredoc.group(1).isEmpty();
                String terminator = heredoc.group(3);
                boolean closed = false;
                while (i < lines.size() && !closed) {
                    String body = lines.get(i);
                    text.append('\n').append(body);
                    closed = (stripTabs ? body.replaceFirst("^\\t+", "") : body).equals(terminator);
                    i++;
                }
                if (!closed) {
                    throw new IllegalArgumentException(block.file().getFileName() + ":" + (block.line() + 1 + start)
                            + ": the heredoc started here never ends with a line `" + terminator + "`.");
                }
            }
            Matcher exits = EXITS.matcher(head);
            int expectedExit = exits.find() ? Integer.parseInt(exits.group(1)) : 0;
            commands.add(new ShellCommand(text.toString(), block.line() + 1 + start, expectedExit));
        }
        return commands;
    }

    /** The first line of the command, without a heredoc's body. */
    String firstLine() {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    /** Whether the command carries a heredoc, so that only a shell can run it. */
    boolean hasHeredoc() {
        return text.indexOf('\n') >= 0;
    }
}
