package dev.retort.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule RT121: finds a Flyway placeholder ({@code ${app_role}}, {@code ${flyway:defaultSchema}}) in a SQL migration,
 * as one brought over from Flyway keeps them.
 *
 * <p>Outside quotes the run refuses a placeholder before it starts. In a string or a dollar-quoted body it is text to
 * the server and goes through unreplaced: {@code WHERE rolname = '${app_role}'} finds no role, and nothing fails.
 * That case is what this rule is for. A line that is a comment is passed over; one finding per line is enough.
 */
final class FlywayPlaceholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[A-Za-z_][\\w.:-]*}");

    private FlywayPlaceholders() {
    }

    /** The lines of the SQL migration {@code text} that hold a placeholder. */
    static List<Hit> scan(String text) {
        List<Hit> hits = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher placeholder = PLACEHOLDER.matcher(line);
            if (!line.strip().startsWith("--") && placeholder.find()) {
                hits.add(new Hit(RuleCatalog.FLYWAY_PLACEHOLDER, "holds " + placeholder.group() + ", which Flyway "
                        + "would replace and Retort sends as written (in a string or a $$ body the server takes it as "
                        + "text); write the value itself", i + 1));
            }
        }
        return hits;
    }
}
