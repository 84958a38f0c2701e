package dev.retort.script;

import dev.retort.revision.Revision;
import dev.retort.revision.RevisionMap;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The migration files of a project ({@code migrations/versions/}) and the revision graph they form.
 *
 * <p>Loading reads every file's header but compiles nothing; {@link MigrationLoader} turns the scripts
 * a plan needs into operations. Files that are neither {@code .sql} nor {@code .java} are ignored.
 */
public final class ScriptDirectory {
    private final Path versionsDir;
    private final Map<String, Script> scripts;
    private final RevisionMap map;

    private ScriptDirectory(Path versionsDir, Map<String, Script> scripts, RevisionMap map) {
        this.versionsDir = versionsDir;
        this.scripts = scripts;
        this.map = map;
    }

    /** Reads the headers of all migration files under {@code versionsDir}. */
    public static ScriptDirectory load(Path versionsDir) {
        List<Path> files = list(versionsDir);
        List<Script> parsed = new ArrayList<>(files.size());
        for (Path file : files) {
            parsed.add(read(file));
        }
        Map<String, Script> byId = new HashMap<>();
        List<Revision> revisions = new ArrayList<>(parsed.size());
        for (Script script : parsed) {
            Script other = byId.putIfAbsent(script.id(), script);
            if (other != null) {
                throw new ScriptException("Revision " + script.id() + " is defined twice: " + other.fileName() + " and "
                        + script.fileName() + "; give one of them a new id.");
            }
            revisions.add(script.revision());
        }
        return new ScriptDirectory(versionsDir, byId, RevisionMap.of(revisions));
    }

    public Path versionsDir() {
        return versionsDir;
    }

    public RevisionMap map() {
        return map;
    }

    public Script script(String id) {
        Script script = scripts.get(id);
        if (script == null) {
            throw new ScriptException("No migration file has revision " + id + ".");
        }
        return script;
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ScriptException("The migrations directory " + dir + " does not exist; run `retort init` to create "
                    + "a project, or set script_location in retort.toml.");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(ScriptDirectory::isMigrationFile).sorted().toList();
        } catch (AccessDeniedException e) {
            throw new ScriptException("The migrations directory " + dir + " cannot be read (permission denied).", e);
        } catch (IOException e) {
            throw new ScriptException("The migrations directory " + dir + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static boolean isMigrationFile(Path path) {
        String name = path.getFileName().toString();
        return !name.startsWith(".") && (name.endsWith(".sql") || name.endsWith(".java")) && Files.isRegularFile(path);
    }

    static Script read(Path file) {
        String name = file.getFileName().toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (MalformedInputException e) {
            throw new ScriptException(name + " is not valid UTF-8 text; save it as UTF-8.", e);
        } catch (AccessDeniedException e) {
            throw new ScriptException(name + " cannot be read (permission denied).", e);
        } catch (NoSuchFileException e) {
            throw new ScriptException(name + " disappeared while it was being read.", e);
        } catch (IOException e) {
            throw new ScriptException(name + " cannot be read: " + e.getMessage(), e);
        }
        if (name.endsWith(".sql")) {
            SqlMigrationParser.Header header = SqlMigrationParser.header(name, text);
            return new Script(header.revision(), file, ScriptKind.SQL, header.created(), text);
        }
        JavaMigrationHeader.Parsed header = JavaMigrationHeader.parse(name, text);
        return new Script(header.revision(), file, ScriptKind.JAVA, header.created(), text);
    }
}
