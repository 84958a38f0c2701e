package dev.retort.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Splits a command line into words the way a POSIX shell does for the simple lines a guide shows:
 * blanks, single and double quotes, backslashes, {@code $VAR} and {@code ${VAR}}, a {@code #} comment,
 * and one {@code > FILE} redirection of standard output.
 *
 * <p>Anything else a shell would treat specially (pipes, {@code ;}, {@code &&}, {@code $(...)}, input
 * redirection) is refused rather than misread, so that a guide line the runner cannot run as written fails
 * loudly.
 *
 * @param words the words, with quotes removed and variables expanded
 * @param stdoutFile the file named by {@code > FILE}, if any
 */
record ShellWords(List<String> words, Optional<String> stdoutFile) {
    ShellWords {
        words = List.copyOf(words);
    }

    /** Splits {@code line}, expanding variables from {@code environment} (an unset variable is empty). */
    static ShellWords split(String line, Map<String, String> environment) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean redirect = false;
        Optional<String> stdoutFile = Optional.empty();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c) || c == '>') {
                if (inWord) {
                    if (redirect) {
                        stdoutFile = Optional.of(word.toString());
                        redirect = false;
                    } else {
                        words.add(word.toString());
                    }
                    word.setLength(0);
                    inWord = false;
                }
                if (c == '>') {
                    if (redirect || stdoutFile.isPresent() || i + 1 < line.length() && line.charAt(i + 1) == '>') {
                        throw unsupported(line, "only one `> FILE` redirection");
                    }
                    redirect = true;
                }
                i++;
            } else if (c == '#' && !inWord) {
                break;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw unsupported(line, "a closing single quote");
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i + 1, word, environment);
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 == line.length()) {
                    throw unsupported(line, "a character after the backslash");
                }
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (c == '$') {
                i = variable(line, i, word, environment);
                inWord = true;
            } else if ("|&;<`()".indexOf(c) >= 0) {
                throw unsupported(line, "no `" + c + "`");
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            if (redirect) {
                stdoutFile = Optional.of(word.toString());
                redirect = false;
            } else {
                words.add(word.toString());
            }
        }
        if (redirect) {
            throw unsupported(line, "a file name after `>`");
        }
        return new ShellWords(words, stdoutFile);
    }

    /** Reads a double-quoted string from {@code start} (after the quote); returns the index after the closing quote. */
    private static int doubleQuoted(String line, int start, StringBuilder word, Map<String, String> environment) {
        int i = start;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            } else if (c == '\\' && i + 1 < line.length() && "$`\"\\".indexOf(line.charAt(i + 1)) >= 0) {
                word.append(line.charAt(i + 1));
                i += 2;
            } else if (c == '$') {
                i = variable(line, i, word, environment);
            } else if (c == '`') {
                throw unsupported(line, "no command substitution");
            } else {
                word.append(c);
                i++;
            }
        }
        throw unsupported(line, "a closing double quote");
    }

    /** Expands {@code $NAME} or {@code ${NAME}} at {@code dollar}; returns the index after it. */
    private static int variable(String line, int dollar, StringBuilder word, Map<String, String> environment) {
        int i = dollar + 1;
        if (i < line.length() && line.charAt(i) == '(') {
            throw unsupported(line, "no command substitution");
        }
        boolean braced = i < line.length() && line.charAt(i) == '{';
        int nameStart = braced ? i + 1 : i;
        int end = nameStart;
        while (end < line.length() && (Character.isLetterOrDigit(line.charAt(end)) || line.charAt(end) == '_')) {
            end++;
        }
        if (end == nameStart) {
            word.append('$');
            return i;
        }
        if (braced && (end == line.length() || line.charAt(end) != '}')) {
            throw unsupported(line, "`}` right after the variable name");
        }
        word.append(environment.getOrDefault(line.substring(nameStart, end), ""));
        return braced ? end + 1 : end;
    }

    private static IllegalArgumentException unsupported(String line, String wanted) {
        return new IllegalArgumentException("The guide runner cannot read `" + line + "`: it expected " + wanted
                + ". It runs retort lines itself and understands words, quotes, $VAR and one `> FILE`.");
    }
}
