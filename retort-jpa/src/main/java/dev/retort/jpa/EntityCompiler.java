package dev.retort.jpa;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import dev.retort.RenamedFrom;
import jakarta.persistence.Entity;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.hibernate.annotations.Comment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles entity sources in-process, in one javac task, so that {@code retort revision --autogenerate} needs no build.
 *
 * <p>Only the files that declare a mapping are named to javac; the types they use (enums, value classes,
 * embeddables in other files) are found through {@code -sourcepath} and compiled too ({@code -implicit:class}).
 * Annotation processors are off, as they belong to the user's build (metamodel generators), with one exception:
 * Lombok's, when its jar is on {@code [models] classpath} ({@link LombokProcessor}). javac does not run a
 * processor on the files it finds through the source path, so when a compilation with Lombok fails, the files it
 * found that use Lombok are named too and javac runs again.
 */
final class EntityCompiler {
    private static final Logger LOG = LoggerFactory.getLogger(EntityCompiler.class);
    private static final int ERRORS_SHOWN = 3;
    private static final Pattern MISSING_PACKAGE = Pattern.compile("package (\\S+) does not exist");

    private EntityCompiler() {
    }

    /**
     * Compiles the files into {@code output}, returning every source javac read (those named and those it found
     * through the source path, absolute); throws with the first errors' file and line when javac fails.
     */
    static Set<Path> compile(List<SourceFile> files, JpaSettings settings, Path output) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new JpaModelException("Compiling the entity sources needs a JDK, but Retort runs on a JRE without "
                    + "a compiler; run it with a JDK 17 or later (set JAVA_HOME), or set [models] classpath instead.");
        }
        Optional<LombokProcessor> lombok = LombokProcessor.find(settings.classpathEntries());
        List<String> options = new ArrayList<>(List.of(
                "-d", output.toString(),
                "-sourcepath", join(settings.sources()),
                "-classpath", join(classpath(settings)),
                "-implicit:class", "-g", "-parameters", "-nowarn", "-encoding", "UTF-8",
                // Of a type with both a source and a class file (target/classes on [models] classpath), javac
                // reads by default the newer: the model would then hang on file times, and an edit of the source
                // after a build would go unseen by the record of what javac read (SourceReads).
                "-Xprefer:source"));
        options.addAll(lombok.map(LombokProcessor::options).orElse(List.of("-proc:none")));
        Set<Path> named = new LinkedHashSet<>(files.stream().map(SourceFile::path).toList());
        while (true) {
            Attempt attempt = attempt(compiler, named, options);
            if (attempt.diagnostics() == null) {
                Set<Path> read = new LinkedHashSet<>(named);
                read.addAll(attempt.found());
                return read;
            }
            List<Path> unprocessed = lombok.isEmpty() ? List.of()
                    : attempt.found().stream().filter(p -> !named.contains(p) && LombokProcessor.uses(p)).toList();
            if (unprocessed.isEmpty()) {
                throw new JpaModelException(describeErrors(attempt.diagnostics(), settings.sources()));
            }
            LOG.debug("Compiling again with the sources that use Lombok named: {}", unprocessed);
            named.addAll(unprocessed);
        }
    }

    /**
     * One run of javac.
     *
     * @param diagnostics what javac reported when it failed; null when it succeeded
     * @param found       the source files javac read that it was not given (through {@code -sourcepath})
     */
    private record Attempt(List<Diagnostic<? extends JavaFileObject>> diagnostics, Set<Path> found) {
    }

    private static Attempt attempt(JavaCompiler compiler, Set<Path> named, List<String> options) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Set<Path> found = new LinkedHashSet<>();
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            var units = fileManager.getJavaFileObjectsFromPaths(named);
            JavacTask task = (JavacTask) compiler.getTask(null, fileManager, diagnostics, options, null, units);
            task.addTaskListener(new TaskListener() {
                @Override
                public void finished(TaskEvent event) {
                    if (event.getKind() == TaskEvent.Kind.PARSE && event.getSourceFile() != null) {
                        Path file = Path.of(event.getSourceFile().toUri()).toAbsolutePath().normalize();
                        if (!named.contains(file)) {
                            found.add(file);
                        }
                    }
                }
            });
            return new Attempt(task.call() ? null : diagnostics.getDiagnostics(), found);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            // javac rejects an option value it cannot use, such as a missing source root
            throw new JpaModelException("Could not compile the JPA entities: " + e.getMessage()
                    + "; fix the entity or set [models] sources in retort.toml.", e);
        }
    }

    /** The JPA and Hibernate annotations and Retort's own, then the user's classpath. */
    static List<Path> classpath(JpaSettings settings) {
        Set<Path> entries = new LinkedHashSet<>();
        for (Class<?> type : List.of(Entity.class, Comment.class, RenamedFrom.class)) {
            entries.add(locationOf(type));
        }
        settings.classpathEntries().forEach(p -> entries.add(p.toAbsolutePath().normalize()));
        return new ArrayList<>(entries);
    }

    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("Cannot locate the jar of " + type.getName(), e);
        }
    }

    private static String describeErrors(List<Diagnostic<? extends JavaFileObject>> diagnostics, List<Path> roots) {
        List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
        Map<String, String> missing = new LinkedHashMap<>();
        for (Diagnostic<? extends JavaFileObject> d : errors) {
            Matcher m = MISSING_PACKAGE.matcher(d.getMessage(Locale.ROOT));
            if ("compiler.err.doesnt.exist".equals(d.getCode()) && m.lookingAt()) {
                missing.putIfAbsent(m.group(1), where(d, roots));
            }
        }
        Optional<String> javax = missing.entrySet().stream().filter(e -> JavaxPersistence.isPackage(e.getKey()))
                .map(e -> e.getValue()).findFirst();
        if (javax.isPresent()) {
            // Adding the javax.persistence jar, as the missing-package message would say, only makes them compile.
            return "Could not compile the JPA entities: " + javax.get() + " " + JavaxPersistence.EXPLANATION;
        }
        if (!missing.isEmpty()) {
            // The cause of the other errors, which are the names the missing packages would have given.
            return missingPackages(missing);
        }
        List<String> described = errors.stream().map(d -> where(d, roots) + ": " + oneLine(d.getMessage(Locale.ROOT)))
                .toList();
        return "Could not compile the JPA entities: " + shown(described, "; ", " errors")
                + "; fix the entity or set [models] sources (and classpath) in retort.toml.";
    }

    /** Names the missing packages, where each is used first, and what to add: the Lombok jar by its name. */
    private static String missingPackages(Map<String, String> missing) {
        List<String> named = missing.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
        boolean lombok = missing.keySet().stream().anyMatch(p -> p.equals("lombok") || p.startsWith("lombok."));
        long others = missing.keySet().stream().filter(p -> !p.equals("lombok") && !p.startsWith("lombok.")).count();
        String add = lombok ? "the Lombok jar your build uses (org.projectlombok:lombok)" : "";
        if (lombok && others > 0) {
            add += " and the jars or class directories that hold the others";
        } else if (others > 0) {
            add += others == 1 ? "the jar or class directory that holds it"
                    : "the jars or class directories that hold them";
        }
        String sources = others == 0 ? "" : others == 1 && !lombok ? " (or its source root to [models] sources)"
                : " (or their source roots to [models] sources)";
        return "Could not compile the JPA entities: " + (missing.size() == 1 ? "package " : "packages ")
                + shown(named, ", ", "") + (missing.size() == 1 ? " is" : " are") + " not on the class path; add " + add
                + " to [models] classpath" + sources + " in retort.toml.";
    }

    private static String shown(List<String> items, String separator, String noun) {
        String shown = items.stream().limit(ERRORS_SHOWN).collect(Collectors.joining(separator));
        return items.size() > ERRORS_SHOWN ? shown + " (and " + (items.size() - ERRORS_SHOWN) + " more" + noun + ")"
                : shown;
    }

    private static String where(Diagnostic<? extends JavaFileObject> d, List<Path> roots) {
        if (d.getSource() == null) {
            return "javac";
        }
        Path file = Path.of(d.getSource().toUri());
        for (Path root : roots) {
            Path base = root.toAbsolutePath().normalize();
            if (file.startsWith(base)) {
                file = base.relativize(file);
                break;
            }
        }
        String name = file.toString().replace('\\', '/');
        return d.getLineNumber() > 0 ? name + ":" + d.getLineNumber() : name;
    }

    /**
     * javac's message on one line: "cannot find symbol" is followed by lines that say which symbol and where
     * ({@code symbol: method getTotal()}), which are kept, in parentheses.
     */
    private static String oneLine(String message) {
        List<String> lines = message.lines().map(l -> l.strip().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty())
                .toList();
        if (lines.size() <= 1) {
            return lines.isEmpty() ? message : lines.get(0);
        }
        return lines.get(0) + " (" + String.join(", ", lines.subList(1, lines.size())) + ")";
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(p -> p.toAbsolutePath().normalize().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
