package dev.retort.cli;

import dev.retort.TerminalText;
import dev.retort.autogenerate.Prompter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Asks yes/no questions on stderr and reads the answer from the terminal; no answer means no. */
final class TerminalPrompter implements Prompter {
    private final Session session;
    private BufferedReader reader;

    TerminalPrompter(Session session) {
        this.session = session;
    }

    @Override
    public boolean confirm(String question) {
        session.err().print(TerminalText.lines(question) + " [y/N] "); // it names the database's tables and columns
        session.err().flush();
        try {
            if (reader == null) {
                reader = new BufferedReader(new InputStreamReader(session.in(), StandardCharsets.UTF_8));
            }
            String answer = reader.readLine();
            if (answer == null) {
                session.err().println();
                return false;
            }
            String a = answer.strip().toLowerCase(java.util.Locale.ROOT);
            return a.equals("y") || a.equals("yes");
        } catch (IOException e) {
            return false;
        }
    }
}
