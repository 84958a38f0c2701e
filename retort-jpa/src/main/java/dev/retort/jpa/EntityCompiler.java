package dev.retort.jpa;

import dev.retort.RenamedFrom;
import jakarta.persistence.Entity;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.hibernate.annotations.Comment;

/**
 * Compiles entity sources in-process, in one javac task, so that {@code retort revision --autogenerate} needs no build.
 *
 * <p>Only the files that declare a mapping are named to javac; the types they use (enums, value classes,
 * embeddables in other files) are found through {@code -sourcepath} and compiled too ({@code -implicit:class}).
 * Annotation processors are off: they belong to the user's build (Lombok, metamodel generators), and running
 * them here would make the result depend on what happens to be on the classpath.
 */
final class EntityCompiler {
    private static final int ERRORS_SHOWN = 3;

    private EntityCompiler() {
    }

    /** Compiles the files into {@code output}; throws with the first errors' file and line when javac fails. */
    static void compile(List<SourceFile> files, JpaSettings settings, Path output) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new JpaModelException("Compiling the entity sources needs a JDK, but Retort runs on a JRE without "
                    + "a compiler; run it with a JDK 17 or later (set JAVA_HOME), or set [models] classpath instead.");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            var units = fileManager.getJavaFileObjectsFromPaths(files.stream().map(SourceFile::path).toList());
            List<String> options = List.of(
                    "-d", output.toString(),
                    "-sourcepath", join(settings.sources()),
                    "-classpath", join(classpath(settings)),
                    "-implicit:class", "-proc:none", "-g", "-parameters", "-nowarn", "-encoding", "UTF-8");
            boolean ok = compiler.getTask(null, fileManager, diagnostics, options, null, units).call();
            if (!ok) {
                throw new JpaModelException(describeErrors(diagnostics.getDiagnostics(), settings.sources()));
            }
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
        settings.classpath().forEach(p -> entries.add(p.toAbsolutePath().normalize()));
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
        List<String> errors = diagnostics.stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> where(d, roots) + ": " + firstLine(d.getMessage(Locale.ROOT)))
                .toList();
        String shown = errors.stream().limit(ERRORS_SHOWN).collect(Collectors.joining("; "));
        String more = errors.size() > ERRORS_SHOWN ? " (and " + (errors.size() - ERRORS_SHOWN) + " more errors)" : "";
        return "Could not compile the JPA entities: " + shown + more
                + "; fix the entity or set [models] sources (and classpath) in retort.toml.";
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

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(p -> p.toAbsolutePath().normalize().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
