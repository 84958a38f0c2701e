package dev.retort.cli;

import dev.retort.RetortException;
import dev.retort.command.Retort;
import dev.retort.command.UsageException;
import dev.retort.revision.Revision;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Alembic's {@code edit}: opens the migration files of a revision in the user's editor, and waits for it. */
final class EditCommand extends Verb {
    /** Tried in turn when neither VISUAL nor EDITOR is set: Debian's choice of editor, then the usual ones. */
    private static final List<String> FALLBACKS = List.of("editor", "vi", "nano");

    EditCommand(RetortCommand root) {
        super(root, "edit", "Open a revision's migration file in your editor ($VISUAL, else $EDITOR).",
                "", "Several revisions (heads) open together; current asks the database which are applied.",
                "", "Examples:", "  retort edit head", "  retort edit 1a2b", "  EDITOR=nano retort edit current");
        parameter(String.class, "REV", "1", "A revision id, unique prefix, head, heads, label, or current.");
    }

    @Override
    public Integer call() throws InterruptedException {
        Retort retort = root.retort();
        String target = parameter();
        List<Path> files = new ArrayList<>();
        for (Revision revision : revisions(retort, target)) {
            files.add(retort.script(revision.id()).path());
        }
        List<String> editor = editor();
        List<String> command = new ArrayList<>(editor);
        files.forEach(file -> command.add(file.toString()));
        int exit;
        try {
            exit = new ProcessBuilder(command).directory(root.session.workingDir().toFile()).inheritIO().start()
                    .waitFor();
        } catch (IOException e) {
            throw new RetortException("Could not start the editor `" + String.join(" ", editor) + "`: "
                    + e.getMessage() + ". Set VISUAL or EDITOR to an editor on your PATH.", e);
        }
        if (exit != 0) {
            root.session.err().println("retort: the editor exited with code " + exit + ".");
            return ErrorHandler.FAILURE;
        }
        return 0;
    }

    private static List<Revision> revisions(Retort retort, String target) {
        if (!target.equals("current")) {
            return retort.show(target);
        }
        List<Revision> applied = new ArrayList<>();
        for (String id : retort.currentIds()) {
            applied.addAll(retort.show(id));
        }
        if (applied.isEmpty()) {
            throw new RetortException("The database is at base: no revision is applied, so current names no file.");
        }
        return applied;
    }

    /** The editor's command and its own arguments ({@code code --wait}), as VISUAL or EDITOR give them. */
    private List<String> editor() {
        Map<String, String> environment = root.session.environment();
        for (String name : List.of("VISUAL", "EDITOR")) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                return Arrays.asList(value.strip().split("\\s+"));
            }
        }
        for (String fallback : FALLBACKS) {
            Optional<Path> found = onPath(fallback, environment.getOrDefault("PATH", ""));
            if (found.isPresent()) {
                return List.of(found.get().toString());
            }
        }
        throw new UsageException("No editor: set VISUAL or EDITOR (for example `export EDITOR=nano`).");
    }

    private static Optional<Path> onPath(String program, String path) {
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty()) {
                Path candidate = Path.of(directory, program);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
