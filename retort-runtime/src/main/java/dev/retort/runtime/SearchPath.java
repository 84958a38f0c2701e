package dev.retort.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@code search_path} setting as PostgreSQL does ({@code SplitIdentifierString}): the schemas it names, in
 * order, whether they exist or not.
 */
final class SearchPath {
    private SearchPath() {
    }

    /**
     * The schemas {@code setting} names: a double-quoted name as written ({@code ""} for a quote in it), any other
     * folded to lower case, and {@code $user} as {@code user}, the role PostgreSQL puts in its place. A setting that
     * does not parse (which the server would not have taken) names what was read before the fault.
     */
    static List<String> schemas(String setting, String user) {
        List<String> schemas = new ArrayList<>();
        int i = 0;
        int n = setting.length();
        while (true) {
            while (i < n && Character.isWhitespace(setting.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return schemas;
            }
            StringBuilder name = new StringBuilder();
            if (setting.charAt(i) == '"') {
                i++;
                while (i < n && !(setting.charAt(i) == '"' && (i + 1 >= n || setting.charAt(i + 1) != '"'))) {
                    name.append(setting.charAt(i));
                    i += setting.charAt(i) == '"' ? 2 : 1;
                }
                if (i >= n) {
                    return schemas;
                }
                i++;
            } else {
                while (i < n && setting.charAt(i) != ',' && !Character.isWhitespace(setting.charAt(i))) {
                    char c = setting.charAt(i++);
                    name.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
                }
            }
            schemas.add(name.toString().equals("$user") ? user : name.toString());
            while (i < n && Character.isWhitespace(setting.charAt(i))) {
                i++;
            }
            if (i >= n) {
                return schemas;
            }
            if (setting.charAt(i) != ',') {
                return schemas;
            }
            i++;
        }
    }

    /**
     * The schema of {@code path} that is {@code schema} but for the case of its letters, when the path does not name
     * {@code schema} itself: {@code tenant_globex} from {@code Tenant_Globex,public} for a schema named
     * {@code Tenant_Globex}, which without double quotes PostgreSQL folds to lower case.
     */
    static Optional<String> inOtherCase(List<String> path, String schema) {
        if (path.contains(schema)) {
            return Optional.empty();
        }
        return path.stream().filter(schema::equalsIgnoreCase).findFirst();
    }
}
