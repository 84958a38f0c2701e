package dev.retort.script;

import dev.retort.Migration;
import dev.retort.Revision;
import dev.retort.internal.RevisionChecksumProcessor;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles Java migrations in-process, with no build step for the user, caching classes by content hash.
 *
 * <p>Each file's classes live in {@code cacheDir/<its CompileKey>-<its time>-<its ctime>-<its inode>/} (a hash of
 * its source and the compiler, and the file's stat: see {@link CompiledEntry}); a file whose directory exists is not
 * compiled again. All stale files are compiled in one compiler task (one task per file would pay javac's start-up
 * for every file). Output is written to a private temporary directory and moved into place atomically, so
 * concurrent runs sharing a cache never see half a class.
 */
public final class JavaMigrationCompiler {
    /**
     * A package declaration, which keeps the class from being found by its simple name: the first declaration of the
     * file, after comments and annotations ({@code /* header *}{@code / package ...}, {@code @Deprecated package ...}).
     */
    private static final Pattern PACKAGE = Pattern.compile("\\A\uFEFF?(?:\\s|//[^\\n]*|/\\*.*?\\*/"
            + "|@[\\p{javaJavaIdentifierPart}.]+(?:\\([^)]*\\))?)*"
            + "package\\s+([\\p{javaJavaIdentifierPart}.\\s]+?)\\s*;", Pattern.DOTALL);
    private final Path cacheDir;
    private final MigrationClasspath classpath;

    public JavaMigrationCompiler(Path cacheDir) {
        this(cacheDir, MigrationClasspath.NONE);
    }

    /** Compiles against Retort's API, the JDK and {@code classpath}, and runs the migrations with them. */
    public JavaMigrationCompiler(Path cacheDir, MigrationClasspath classpath) {
        this.cacheDir = cacheDir;
        this.classpath = classpath;
    }

    /**
     * Instantiates the migration class of each script, keyed by revision id: the application's own where it has
     * one ({@link #fromApplication}), else compiled from the file, compiling what is stale.
     */
    public Map<String, Migration> load(List<Script> scripts) {
        ClassLoader application = applicationClasses();
        // Two lookups decide whether to look for each class: an application built with the files has the oldest
        // (the first of an upgrade) and usually the newest, unless a file was written since its build.
        if (scripts.isEmpty() || application.getResource(classFile(scripts.get(0))) == null
                && application.getResource(classFile(scripts.get(scripts.size() - 1))) == null) {
            return compiled(scripts);
        }
        Map<String, Migration> migrations = new LinkedHashMap<>();
        List<Script> notThere = new ArrayList<>();
        for (Script script : scripts) {
            if (application.getResource(classFile(script)) != null) {
                migrations.put(script.id(), fromApplication(script, application));
            } else {
                notThere.add(script);
            }
        }
        migrations.putAll(compiled(notThere));
        return migrations;
    }

    /** Where the application's classes are: the context class loader of the thread that runs Retort. */
    private static ClassLoader applicationClasses() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Migration.class.getClassLoader();
    }

    private static String classFile(Script script) {
        return script.javaClass().replace('.', '/') + ".class";
    }

    /**
     * A migration whose class the application was built with (its build compiles the versions directory with its
     * own sources), used as it is: an application that runs its migrations at start needs no JDK then. The command
     * line's class path holds Retort alone, so there nothing is found and every file is compiled. The class must
     * declare the revision and parents its file declares, and have been compiled from this very text: the checksum
     * that {@link RevisionChecksumProcessor} wrote beside it in the build must be the file's. An old class left in the
     * jar would otherwise run while the history records the checksum of the file, hiding the difference from every
     * later check of drift.
     */
    private Migration fromApplication(Script script, ClassLoader application) {
        String className = script.javaClass();
        String builtFrom = builtFrom(script, application);
        Revision declared;
        try (InputStream in = application.getResourceAsStream(classFile(script))) {
            if (in == null) {
                throw new IOException(classFile(script) + " is gone");
            }
            ExitCallScanner.check(script, List.of(in.readAllBytes()));
            declared = Class.forName(className, false, application).getAnnotation(Revision.class);
        } catch (IOException | ClassNotFoundException | LinkageError e) {
            throw new ScriptException(script.shownName() + ": cannot load class " + className + " from the "
                    + "application's class path (" + MigrationLoader.firstLine(e.toString()) + "); rebuild the "
                    + "application.", e);
        }
        List<String> parents = script.revision().downRevisions();
        if (declared == null || !declared.id().equals(script.id())
                || !Set.of(declared.down()).equals(Set.copyOf(parents))) {
            String says = declared == null ? "no @Revision" : "revision " + declared.id() + " after "
                    + (declared.down().length == 0 ? "none" : String.join(", ", declared.down()));
            throw new ScriptException(script.shownName() + " declares revision " + script.id() + " after "
                    + (parents.isEmpty() ? "none" : String.join(", ", parents)) + ", but class " + className
                    + " on the application's class path declares " + says + "; rebuild the application, so that "
                    + "its classes are compiled from the files of " + script.path().getParent() + ".");
        }
        if (builtFrom == null) {
            throw new ScriptException(shown(script) + ": class " + className + " on the application's class "
                    + "path has no " + className + RevisionChecksumProcessor.SUFFIX + " beside it, so Retort cannot "
                    + "tell which version of the file it was compiled from; rebuild the application with javac "
                    + "running Retort's annotation processor (-proc:full, or Maven's <proc>full</proc>, from JDK 23; "
                    + "Gradle: annotationProcessor \"dev.retort:retort-api\"), or leave the class out of it.");
        }
        if (!builtFrom.equals(script.checksum())) {
            throw new ScriptException(shown(script) + ": class " + className + " on the application's class "
                    + "path was compiled from another version of this file (the checksum its build recorded differs "
                    + "from the file's); rebuild the application, so that its classes are compiled from the files it "
                    + "holds.");
        }
        return instantiate(script, application, className, null);
    }

    /**
     * The file as messages about the application's classes name it: a class path resource by its name
     * ({@code db/retort/versions/a1b2c3d4e5f6_seed.java}), as the application's jar holds it; a file by its name.
     */
    private static String shown(Script script) {
        Path path = script.path();
        return path.isAbsolute() ? script.fileName() : path.toString().replace(File.separatorChar, '/');
    }

    /**
     * The checksum of the file the application's class of {@code script} was compiled from, as its build recorded it
     * beside the class; null when the build recorded none.
     */
    private static String builtFrom(Script script, ClassLoader application) {
        String name = script.javaClass().replace('.', '/') + RevisionChecksumProcessor.SUFFIX;
        try (InputStream in = application.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ScriptException(script.fileName() + ": cannot read " + name + " from the application's class "
                    + "path (" + MigrationLoader.firstLine(e.toString()) + "); rebuild the application.", e);
        }
    }

    /** Compiles what is stale and instantiates the migration class of each script, keyed by revision id. */
    private Map<String, Migration> compiled(List<Script> scripts) {
        if (scripts.isEmpty()) {
            return Map.of();
        }
        // By revision id: a Script's own hash code would hash its whole text.
        Map<String, Path> dirs = new LinkedHashMap<>();
        List<Script> stale = new ArrayList<>();
        String fingerprint = classpath.fingerprint();
        CompiledEntry entries = new CompiledEntry(cacheDir, () -> ToolProvider.getSystemJavaCompiler() != null);
        for (Script script : scripts) {
            String name = entryName(script, fingerprint);
            ScriptCache.Stat stat = script.compileStat();
            Path dir = entries.find(name, script.modified(), stat);
            if (dir == null) {
                dir = cacheDir.resolve(CompiledEntry.name(name, script.modified(), stat));
                stale.add(script);
            }
            dirs.put(script.id(), dir);
        }
        if (!stale.isEmpty()) {
            Path into = writableCache();
            if (!into.equals(cacheDir)) {
                for (Script script : stale) {
                    dirs.put(script.id(), into.resolve(dirs.get(script.id()).getFileName()));
                }
            }
            compile(stale, dirs, into);
            if (into.equals(cacheDir)) {
                CompiledEntry.removeSuperseded(cacheDir, stale.stream().map(script -> dirs.get(script.id())).toList(),
                        dirs.values());
                CompileCachePruner.prune(cacheDir, dirs.values(), Instant.now());
            }
        }
        // Each file's classes are loaded apart from the other files', as each of Alembic's revision files is a module
        // of its own: a helper class copied along with a migration, or a class name copied with the whole file,
        // resolves to the file's own class, whichever other migrations the run loads with it.
        Map<Path, CompiledClassLoader> loaders;
        try {
            loaders = CompiledClassLoader.apart(scripts.stream().map(script -> dirs.get(script.id())).toList(),
                    classpath.loader(Migration.class.getClassLoader()));
        } catch (UncheckedIOException e) {
            throw new ScriptException("Cannot read the compile cache " + cacheDir + ": " + e.getCause().getMessage()
                    + "; remove the directory and run again.", e);
        }
        // Checked on every load, cached classes too, before any class is defined: loading runs the migration's
        // static initialisers.
        for (Script script : scripts) {
            Path dir = dirs.get(script.id());
            ExitCallScanner.check(script, loaders.get(dir).classFiles(dir));
        }
        Map<String, Migration> migrations = new LinkedHashMap<>();
        for (Script script : scripts) {
            Path dir = dirs.get(script.id());
            migrations.put(script.id(), instantiate(script, loaders.get(dir), script.javaClass(), dir));
        }
        return migrations;
    }

    /**
     * A file's entry in the cache: its compile key, or with a {@code migration_classpath}, a hash of that key and of
     * the classpath's {@link MigrationClasspath#fingerprint}, as what the classes were compiled against changes them.
     */
    private static String entryName(Script script, String fingerprint) {
        if (fingerprint.isEmpty()) {
            return script.compileKey();
        }
        MessageDigest digest = Sha256.newDigest();
        digest.update((script.compileKey() + "|" + fingerprint).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest.digest(), 0, 16);
    }

    /** The migration class of {@code script}, made by {@code loader}; {@code dir} holds its classes, or is null. */
    private Migration instantiate(Script script, ClassLoader loader, String className, Path dir) {
        try {
            Class<?> type = Class.forName(className, true, loader);
            if (!Migration.class.isAssignableFrom(type)) {
                throw new ScriptException(script.shownName() + ": class " + className
                        + " does not implement dev.retort.Migration; add 'implements Migration'.");
            }
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return (Migration) constructor.newInstance();
        } catch (ClassNotFoundException e) {
            throw notFound(script, className, dir, e);
        } catch (NoSuchMethodException e) {
            throw new ScriptException(script.shownName() + ": class " + className
                    + " needs a constructor without parameters.", e);
        } catch (ReflectiveOperationException | LinkageError | AssertionError | StackOverflowError e) {
            // LinkageError covers a static initialiser that threw (ExceptionInInitializerError) and a class the
            // migration needs that is missing at run time (NoClassDefFoundError).
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ScriptException(MigrationLoader.thrownAt(script, cause) + ": creating " + className + " failed: "
                    + MigrationLoader.firstLine(cause.toString()) + "; fix the migration and run again.", e);
        }
    }

    /**
     * Why the class that {@code @Revision} annotates is not among those compiled into {@code dir} (null for the
     * application's classes). The advice to remove the cache is given only when the cache entry holds no top-level
     * class, which an entry damaged after it was written may; otherwise compiling again writes the same classes.
     */
    private ScriptException notFound(Script script, String className, Path dir, ClassNotFoundException e) {
        List<String> compiled = dir == null ? List.of() : classFiles(dir).keySet().stream()
                .filter(name -> !name.contains("$")).toList();
        Matcher declared = PACKAGE.matcher(script.source());
        String pkg = declared.find() ? declared.group(1).replaceAll("\\s", "") : compiled.stream()
                .filter(name -> name.endsWith("/" + className)).findFirst()
                .map(name -> name.substring(0, name.lastIndexOf('/')).replace('/', '.')).orElse(null);
        if (pkg != null) {
            return new ScriptException(script.shownName() + " declares package " + pkg + ", but a "
                    + "migration's class is looked up in no package; remove the package line.", e);
        }
        if (compiled.isEmpty()) {
            return new ScriptException(script.shownName() + ": compiled, but class " + className
                    + " was not found; remove the directory " + cacheDir + " and run again.", e);
        }
        return new ScriptException(script.shownName() + ": @Revision(...) annotates class " + className + ", but javac "
                + "compiled no such top-level class from the file (only " + String.join(", ", compiled.stream()
                        .map(name -> name.replace('/', '.')).toList()) + "); declare the migration as the top-level "
                + "class that follows @Revision(...), in no package.", e);
    }

    /**
     * The cache, or else, in a project the user may not write to (a read-only image that runs its migrations at
     * deploy, a checkout owned by someone else), a temporary directory deleted when the process ends: the
     * migrations are then compiled on every run, and still run.
     */
    private Path writableCache() {
        try {
            Files.createDirectories(cacheDir);
            if (Files.isWritable(cacheDir)) {
                return cacheDir;
            }
        } catch (IOException e) {
            // Not a directory that can be made here: compile elsewhere.
        }
        return temporaryDirectory(System.getProperty("java.io.tmpdir"), System.getenv("TMPDIR"));
    }

    /**
     * A directory deleted when the process ends, in {@code javaTmpdir} or else in {@code tmpdir}. Java's temporary
     * directory is /tmp whatever TMPDIR says, and a container whose root file system is read-only gives a writable
     * one by TMPDIR (an emptyDir volume mounted elsewhere): where /tmp cannot be written, TMPDIR is tried.
     */
    private Path temporaryDirectory(String javaTmpdir, String tmpdir) {
        IOException failure = null;
        for (String dir : tmpdir == null || tmpdir.isEmpty() || tmpdir.equals(javaTmpdir) ? List.of(javaTmpdir)
                : List.of(javaTmpdir, tmpdir)) {
            try {
                Path temporary = Files.createTempDirectory(Path.of(dir), "retort-classes-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(temporary),
                        "retort-classes-cleanup"));
                return temporary;
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        String where = tmpdir == null || tmpdir.isEmpty() || tmpdir.equals(javaTmpdir) ? javaTmpdir
                : javaTmpdir + " (Java's temporary directory) nor " + tmpdir + " (TMPDIR)";
        throw new ScriptException("Cannot write the compile cache " + cacheDir + " nor a temporary directory in "
                + where + " (" + failure.getMessage() + "); let Retort write to the project's .retort/, or set "
                + "TMPDIR to a directory it may write to.", failure);
    }

    private void compile(List<Script> stale, Map<String, Path> dirs, Path into) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            // A container image often holds a JRE only: the classes compiled where the image is built serve, if
            // the project's .retort/cache/java comes along, as the same Java release takes them (CompileKey).
            String files = stale.size() == 1 ? stale.get(0).shownName() + " is a Java migration"
                    : stale.get(0).shownName() + " and " + (stale.size() - 1) + " other(s) are Java migrations";
            throw new ScriptException(files + " not compiled yet, and Retort runs on a Java without a compiler "
                    + "(a JRE, " + System.getProperty("java.home") + "); run it with a JDK 17 or later (set JAVA_HOME), "
                    + "or compile them where one is: `retort upgrade head --sql > /dev/null` in the project keeps their classes "
                    + "in .retort/cache/java, which a Java " + Runtime.version().feature() + " without a compiler runs.");
        }
        Path work;
        try {
            work = Files.createTempDirectory(into, "compiling-");
        } catch (IOException e) {
            throw new ScriptException("Cannot write the compile cache " + into + ": " + e + ".", e);
        }
        try {
            Map<URI, Path> outputBySource = new LinkedHashMap<>();
            for (Script script : stale) {
                outputBySource.put(script.path().toUri(), work.resolve(dirs.get(script.id()).getFileName()));
            }
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                    StandardCharsets.UTF_8);
                    var files = new PerSourceOutput(standard, outputBySource)) {
                List<JavaFileObject> units = stale.stream().<JavaFileObject>map(ScriptSource::new).toList();
                String path = classpath.isEmpty() ? apiClasspath()
                        : apiClasspath() + File.pathSeparator + classpath.asPath();
                List<String> options = List.of("-classpath", path, "-proc:none", "-g", "-nowarn",
                        "-encoding", "UTF-8", "-implicit:none");
                boolean ok = compiler.getTask(null, files, diagnostics, options, null, units).call();
                if (!ok && declaresAClassTwice(diagnostics.getDiagnostics())) {
                    // One task sees all its files' classes in one namespace, but each file's classes are loaded
                    // apart: files that declare a class of the same name are compiled one by one instead (slower,
                    // and only until they are in the cache).
                    diagnostics = new DiagnosticCollector<>();
                    ok = true;
                    for (JavaFileObject unit : units) {
                        ok &= compiler.getTask(null, files, diagnostics, options, null, List.of(unit)).call();
                    }
                }
                if (!ok) {
                    refuseUnwritableOutput(diagnostics.getDiagnostics(), into);
                    throw new ScriptException(describeErrors(diagnostics.getDiagnostics()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            refuseClassesOfOtherFiles(stale, script -> work.resolve(dirs.get(script.id()).getFileName()));
            for (Script script : stale) {
                publish(work.resolve(dirs.get(script.id()).getFileName()), dirs.get(script.id()));
            }
        } finally {
            deleteTree(work);
        }
    }

    /**
     * Refuses a file that uses a class only another file compiled with it declares. One javac task sees all its
     * files' classes, but each file's are loaded apart: the file would compile, and then fail with
     * NoClassDefFoundError when the method that uses the class runs (a downgrade, perhaps long after its upgrade);
     * compiled alone, as once the other file is in the cache, javac would refuse it.
     */
    private void refuseClassesOfOtherFiles(List<Script> compiled, Function<Script, Path> output) {
        // By revision id: a Script's own hash code would hash its whole text.
        Map<String, Map<String, byte[]>> classes = new HashMap<>();
        Map<String, Script> declaredBy = new HashMap<>();
        for (Script script : compiled) {
            Map<String, byte[]> own = classFiles(output.apply(script));
            classes.put(script.id(), own);
            own.keySet().forEach(name -> declaredBy.putIfAbsent(name, script));
        }
        for (Script script : compiled) {
            Map<String, byte[]> own = classes.get(script.id());
            for (byte[] classFile : own.values()) {
                Set<String> used;
                try {
                    used = ConstantPool.read(classFile).classes();
                } catch (IOException e) {
                    throw new ScriptException("Cannot read the compiled classes of " + script.shownName() + ": "
                            + e.getMessage() + ".", e);
                }
                for (String name : used) {
                    Script other = declaredBy.get(name);
                    if (other != null && other != script && !own.containsKey(name)) {
                        String shown = name.replace('/', '.').replace('$', '.');
                        throw new ScriptException(script.shownName() + " uses class " + shown + ", which "
                                + other.shownName() + " declares; each migration file's classes are its own, so copy "
                                + shown + " into " + script.shownName() + ", or put code that migrations share on "
                                + classpath.key() + ".");
                    }
                }
            }
        }
    }

    /** The class files under {@code dir} by their internal names ({@code Sql}, {@code AddPrices$1}). */
    private static Map<String, byte[]> classFiles(Path dir) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return classes; // a file that declares no class
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = dir.relativize(file).toString().replace(File.separatorChar, '/');
                classes.put(name.substring(0, name.length() - ".class".length()), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new ScriptException("Cannot read the compiled classes in " + dir + ": " + e.getMessage() + ".", e);
        }
        return classes;
    }

    /** Moves a finished output directory into the cache; another process may have won the race. */
    private static void publish(Path from, Path to) {
        try {
            if (!Files.isDirectory(from)) {
                Files.createDirectories(from); // a file that declares no class still gets its (empty) entry
            }
            if (CompiledEntry.forAWholeSecond(to)) {
                // What came with the files under this name (see CompiledEntry) gives way to this compile.
                deleteTree(to);
            }
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            // Same content hash, same classes: keep the one already there.
        } catch (IOException e) {
            if (!Files.isDirectory(to)) {
                throw new ScriptException("Cannot write the compile cache " + to + ": " + e + ".", e);
            }
        }
    }

    private String describeErrors(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        List<String> errors = diagnostics.stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> where(d) + ": " + summary(d.getMessage(Locale.ROOT)))
                .toList();
        String shown = errors.stream().limit(3).collect(Collectors.joining("; "));
        String more = errors.size() > 3 ? " (and " + (errors.size() - 3) + " more errors)" : "";
        return "Could not compile a migration: " + shown + more + ". Fix the migration and run the command again"
                + (lacksAClass(diagnostics) ? whereClassesComeFrom() : "") + ".";
    }

    /**
     * Stops when javac could not write a class (a full disk, a quota): the migration is not at fault, and "fix the
     * migration" would send its author looking for an error that is not there.
     */
    private static void refuseUnwritableOutput(List<Diagnostic<? extends JavaFileObject>> diagnostics, Path into) {
        List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
        Optional<String> reason = errors.stream().map(d -> d.getMessage(Locale.ROOT))
                .map(m -> m.substring(m.indexOf(':') + 1).strip()).findFirst();
        if (reason.isPresent() && errors.stream().allMatch(d -> "compiler.err.class.cant.write".equals(d.getCode()))) {
            throw new ScriptException("Could not write the compiled migrations into " + into + ": " + reason.get()
                    + ". The migrations themselves compiled; free space there (or let Retort write there) and run the "
                    + "command again.");
        }
    }

    private static boolean declaresAClassTwice(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        return diagnostics.stream().anyMatch(d -> d.getKind() == Diagnostic.Kind.ERROR
                && "compiler.err.duplicate.class".equals(d.getCode()));
    }

    /** Whether javac missed a package or a class, which may be one the migrations' classpath does not hold. */
    private static boolean lacksAClass(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(Locale.ROOT))
                .anyMatch(m -> m.matches("(?s)package \\S+ does not exist.*")
                        || m.matches("(?s)cannot find symbol.*symbol:\\s+(class|variable) [A-Z].*")
                        && symbol(m).map(JavaMigrationCompiler::missingImport).orElse("").isEmpty());
    }

    private String whereClassesComeFrom() {
        return classpath.isEmpty()
                ? "; Java migrations see Retort's API and the JDK, and other code (the application's own, a library) "
                        + "only from the jars or class directories listed in migration_classpath in retort.toml"
                : "; migrations are compiled against Retort's API, the JDK and " + classpath.key() + " ("
                        + classpath.asPath() + ")";
    }

    private static String where(Diagnostic<? extends JavaFileObject> d) {
        if (d.getSource() == null) {
            return "javac";
        }
        String name = Path.of(d.getSource().toUri()).getFileName().toString();
        return d.getLineNumber() > 0 ? name + ":" + d.getLineNumber() : name;
    }

    /**
     * A diagnostic on one line: its first line, with the symbol javac could not find when it names one on a later
     * line ("cannot find symbol" alone does not say which), or else with its later lines in parentheses, which say
     * what javac wanted ({@code required: ...; found: ...}). The first line's own closing ';' or ':' is dropped, as
     * the errors are joined by "; ".
     */
    private static String summary(String message) {
        String first = firstLine(message).strip().replaceAll("[;:]$", "");
        Optional<String> symbol = symbol(message);
        if (symbol.isPresent()) {
            return first + " (" + symbol.get().replaceAll("\\s+", " ") + ")" + missingImport(symbol.get());
        }
        List<String> details = message.lines().skip(1).map(line -> line.strip().replaceAll("\\s+", " "))
                .filter(line -> !line.isEmpty()).toList();
        // "no suitable method found" lists every overload it tried: the first few say enough.
        String shown = String.join("; ", details.subList(0, Math.min(details.size(), MAX_DETAILS)))
                + (details.size() > MAX_DETAILS ? "; ..." : "");
        return details.isEmpty() ? first : first + " (" + shown + ")";
    }

    /** How many of a diagnostic's later lines a message shows. */
    private static final int MAX_DETAILS = 4;

    /** The line of a "cannot find symbol" diagnostic that names the symbol. */
    private static Optional<String> symbol(String message) {
        return message.lines().skip(1).map(String::strip).filter(line -> line.startsWith("symbol:")).findFirst();
    }

    /** Where javac looks for a name a migration has not imported, in the order a migration uses them. */
    private static final List<String> IMPORTABLE_PACKAGES = List.of("dev.retort.operation", "dev.retort", "java.util",
            "java.time", "java.math");
    /** A symbol javac did not find: {@code method column(java.lang.String,java.lang.String)}, {@code class List}. */
    private static final Pattern SYMBOL = Pattern.compile("symbol:\\s+(method|variable|class)\\s+(\\w+).*");

    /**
     * The import that declares a symbol javac did not find, when it is one of Retort's API or of the JDK's packages
     * that migrations use: the file {@code revision} writes imports neither {@code column(...)} nor
     * {@code List}, and javac's "cannot find symbol" does not say where they are.
     */
    private static String missingImport(String symbol) {
        Matcher m = SYMBOL.matcher(symbol);
        if (!m.matches()) {
            return "";
        }
        String name = m.group(2);
        if (m.group(1).equals("method")) {
            boolean factory = Stream.of(dev.retort.operation.Operations.class.getMethods())
                    .anyMatch(method -> method.getName().equals(name) && Modifier.isStatic(method.getModifiers()));
            return factory ? "; add 'import static dev.retort.operation.Operations." + name + ";'" : "";
        }
        if (name.isEmpty() || !Character.isUpperCase(name.charAt(0))) {
            return "";
        }
        for (String pkg : IMPORTABLE_PACKAGES) {
            try {
                Class.forName(pkg + "." + name, false, Migration.class.getClassLoader());
                return "; add 'import " + pkg + "." + name + ";'";
            } catch (ClassNotFoundException e) {
                // not in this package: try the next
            }
        }
        return "";
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** The classes migrations compile against: Retort's API (and the JDK). */
    private static String apiClasspath() {
        try {
            return Path.of(Migration.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | NullPointerException e) {
            return System.getProperty("java.class.path");
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Leftovers in the cache's temporary directory do no harm.
        }
    }

    /**
     * A migration's source as its script read it, rather than as javac would read the file: javac takes a
     * byte-order mark before the text for an illegal character, and the text is the one its compile key hashed.
     */
    private static final class ScriptSource extends SimpleJavaFileObject {
        private final String text;

        ScriptSource(Script script) {
            // The file's URI: diagnostics name the file, and PerSourceOutput finds the output directory by it.
            super(script.path().toUri(), Kind.SOURCE);
            this.text = script.source();
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }

        /**
         * Any class name fits: the file is named for its revision, not its class, and javac would otherwise refuse
         * a {@code public class}, which many write out of habit, because the file is not named after it.
         */
        @Override
        public boolean isNameCompatible(String simpleName, Kind kind) {
            return kind == Kind.SOURCE;
        }
    }

    /** Sends each source file's classes to its own output directory. */
    private static final class PerSourceOutput extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<URI, Path> outputBySource;

        PerSourceOutput(StandardJavaFileManager standard, Map<URI, Path> outputBySource) {
            super(standard);
            this.outputBySource = outputBySource;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                FileObject sibling) throws IOException {
            Path dir = sibling == null ? null : outputBySource.get(sibling.toUri());
            if (location != StandardLocation.CLASS_OUTPUT || dir == null) {
                return super.getJavaFileForOutput(location, className, kind, sibling);
            }
            Path file = dir.resolve(className.replace('.', '/') + kind.extension);
            Files.createDirectories(file.getParent());
            return new SimpleJavaFileObject(file.toUri(), kind) {
                @Override
                public OutputStream openOutputStream() throws IOException {
                    return Files.newOutputStream(file);
                }
            };
        }
    }
}
