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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Alembic's {@code edit}: opens the migration files of a revision in the user's editor, and waits for it. */
final class EditCommand extends Verb {
    /** Tried in turn when neither VISUAL nor EDITOR is set: Debian's choice of editor, then the usual ones. */
    private static final List<String> FALLBACKS = List.of("editor", "vi", "nano");
    /** POSIX shells exit with these when the command is not found, or is found but cannot be executed. */
    private static final int SHELL_NOT_FOUND = 127;
    private static final int SHELL_NOT_EXECUTABLE = 126;

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
        for (Revision revision : retort.show(target)) {
            files.add(retort.script(revision.id()).path());
        }
        Editor editor = editor();
        List<String> command = new ArrayList<>(editor.command());
        files.forEach(file -> command.add(file.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.session.workingDir().toFile()).inheritIO();
        // The editor sees the environment this command was given, so the shell finds it on the same PATH as the
        // fallback search below.
        builder.environment().clear();
        builder.environment().putAll(root.session.environment());
        int exit;
        try {
            exit = builder.start().waitFor();
        } catch (IOException e) {
            throw new RetortException(couldNotStart(editor, e.getMessage()), e);
        }
        if (editor.throughShell() && (exit == SHELL_NOT_FOUND || exit == SHELL_NOT_EXECUTABLE)) {
            throw new RetortException(couldNotStart(editor,
                    exit == SHELL_NOT_FOUND ? "the shell found no such command" : "the shell could not execute it"));
        }
        if (exit != 0) {
            root.session.err().println("retort: the editor exited with code " + exit + ".");
            return ErrorHandler.FAILURE;
        }
        return 0;
    }

    private static String couldNotStart(Editor editor, String reason) {
        return "Could not start the editor `" + editor.shown() + "`: " + reason
                + ". Set VISUAL or EDITOR to an editor on your PATH.";
    }

    /**
     * The editor to run: VISUAL or EDITOR is a line of shell, as git reads it, so {@code code --wait} passes an option
     * and {@code "/opt/my editor/bin/ed" -w} names a path with a space; the files follow as the shell's {@code "$@"}.
     * A fallback found on the PATH runs as it is.
     */
    private Editor editor() {
        Map<String, String> environment = root.session.environment();
        for (String name : List.of("VISUAL", "EDITOR")) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                String line = value.strip();
                return new Editor(line, List.of("/bin/sh", "-c", line + " \"$@\"", line), true);
            }
        }
        for (String fallback : FALLBACKS) {
            Optional<Path> found = onPath(fallback, environment.getOrDefault("PATH", ""));
            if (found.isPresent()) {
                return new Editor(found.get().toString(), List.of(found.get().toString()), false);
            }
        }
        throw new UsageException("No editor: set VISUAL or EDITOR (for example `export EDITOR=nano`).");
    }

    /**
     * How to run an editor, before the files: {@code shown} is what a user set or what was found; {@code throughShell}
     * says the shell runs it, and so reports an editor it cannot start by an exit code rather than by failing to
     * start.
     */
    private record Editor(String shown, List<String> command, boolean throughShell) {}

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
