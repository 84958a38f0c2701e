package dev.retort.script;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Finds calls that would end the JVM ({@code System.exit}, {@code Runtime.exit}, {@code Runtime.halt}) in a
 * compiled migration, by reading the method references in its classes' constant pools.
 *
 * <p>Java migrations run inside Retort's own process, so such a call would stop a run between two
 * statements with no error message, leaving the lock holder gone and the user guessing. The JDK 17 way to
 * intercept it, a security manager, is deprecated; a migration's classes are small and compiled by Retort,
 * so refusing to run one that references these methods is exact for direct calls and method references.
 * It is a guard against a mistake, not a sandbox: a call made by reflection is not seen.
 */
final class ExitCallScanner {
    /** The JVM-ending methods, as class and method name in the class-file form. */
    private static final List<String[]> EXITS = List.of(new String[] {"java/lang/System", "exit"},
            new String[] {"java/lang/Runtime", "exit"}, new String[] {"java/lang/Runtime", "halt"});

    private ExitCallScanner() {
    }

    /** Throws if one of {@code classFiles}, the compiled classes of {@code script}, calls an exit method. */
    static void check(Script script, List<byte[]> classFiles) {
        for (byte[] classFile : classFiles) {
            Optional<String> call;
            try {
                call = exitCall(classFile);
            } catch (IOException e) {
                throw new ScriptException("Cannot read the compiled classes of " + script.shownName() + ": "
                        + e.getMessage() + "; remove the compile cache (.retort/cache) and run again.", e);
            }
            if (call.isPresent()) {
                throw new ScriptException(script.shownName() + ": revision " + script.id() + " calls " + call.get()
                        + ", which would stop Retort in the middle of the run; throw an exception to make the "
                        + "migration fail instead.");
            }
        }
    }

    /** The first exit method a class file references, as {@code System.exit}, if any. */
    static Optional<String> exitCall(byte[] classFile) throws IOException {
        for (String[] method : ConstantPool.read(classFile).methods()) {
            for (String[] exit : EXITS) {
                if (exit[0].equals(method[0]) && exit[1].equals(method[1])) {
                    return Optional.of(method[0].substring(method[0].lastIndexOf('/') + 1) + "." + method[1]);
                }
            }
        }
        return Optional.empty();
    }
}
