package dev.retort.jpa;

import jakarta.persistence.Converter;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.MappedSuperclass;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads JPA entities (sources or compiled classes) and returns the PostgreSQL schema Hibernate derives from them.
 *
 * <pre>
 * sources ──javac──▶ classes ─┐
 * classpath ──────────────────┴▶ scan for @Entity ─▶ Hibernate metadata ─▶ create script + rename hints
 * </pre>
 *
 * <p>Every step after reading the sources is cached under {@code cacheDir/<key>/}, the key being a hash of
 * the sources, classpath stamps and settings ({@link CacheKey}). When nothing changed, {@link #load()} reads
 * {@code model.txt} and starts neither javac nor Hibernate, which keeps {@code retort check} fast; when only
 * sources javac did not read changed, an older entry's model serves ({@link SourceReads}). Old entries are pruned
 * after each rebuild ({@link CachePruner}).
 */
public final class JpaModelSource {
    private static final Logger LOG = LoggerFactory.getLogger(JpaModelSource.class);
    private static final String ORM_XML = "META-INF/orm.xml";
    private static final String MODEL = "model.txt";
    private static final String READS = "reads.txt";
    private static final List<Class<? extends Annotation>> MAPPINGS =
            List.of(Entity.class, Embeddable.class, MappedSuperclass.class, Converter.class);

    private final JpaSettings settings;
    private int compilations;
    private int hibernateBoots;

    public JpaModelSource(JpaSettings settings) {
        this.settings = settings;
    }

    /** Returns the entities' schema, from the cache when the sources, classpath and settings are unchanged. */
    public JpaModel load() {
        List<SourceFile> files = EntitySources.read(settings.sources());
        Optional<PersistenceUnit> unit = PersistenceXml.find(settings);
        String hibernate = org.hibernate.Version.getVersionString();
        Path entry = settings.cacheDir().resolve(CacheKey.of(settings, files, unit, hibernate));
        Path modelFile = entry.resolve(MODEL);
        // Told on every run, cached or not: what shows a Spring Boot application is not all in the cache's key.
        Optional<String> naming = SpringBootUnit.warning(settings, unit, files);
        List<String> told = new ArrayList<>();
        naming.ifPresent(told::add);
        told.addAll(UnitSettings.ignored(settings.properties()));
        told.addAll(SpringApplicationFiles.warnings(settings, unit));
        Optional<JpaModel> cached = Optional.empty();
        if (files.stream().anyMatch(SourceFile::timedToTheSecond)) {
            // What an archive gives (git archive: the commit's time, which whoever commits chooses), so the entry
            // named for it may have come with the files: made again, with none of what was there.
            CachePruner.delete(entry);
        } else {
            cached = ModelFile.read(modelFile);
        }
        if (cached.isPresent()) {
            LOG.debug("Entities unchanged; using the cached model {}", modelFile);
            return cached.get().warnedFirst(told);
        }
        List<String> named = unit.map(PersistenceUnit::namedClasses).orElse(List.of());
        List<SourceFile> entitySources = EntitySources.select(files, settings, named);
        SourceReads before = SourceReads.before(CacheKey.of(settings, List.of(), unit, hibernate), files,
                entitySources);
        if (files.stream().noneMatch(SourceFile::timedToTheSecond)) {
            cached = readsUnchanged(entry, before, files);
            if (cached.isPresent()) {
                return cached.get().warnedFirst(told);
            }
        }
        List<Path> roots = new ArrayList<>();
        Optional<Compiled> compiled = entitySources.isEmpty() ? Optional.empty()
                : Optional.of(compiled(entitySources, entry.resolve("classes")));
        compiled.ifPresent(c -> roots.add(c.classes()));
        settings.classpathEntries().forEach(p -> roots.add(p.toAbsolutePath().normalize()));
        unit.ifPresent(u -> roots.addAll(u.jarFiles()));
        Optional<Path> classes = compiled.map(Compiled::classes);
        JpaModel model = generate(roots, unit.map(u -> unitScan(u, classes)).orElse(roots), unit,
                sourcePackages(files));
        ModelFile.write(modelFile, model);
        Optional<Set<Path>> javacRead = compiled.isEmpty() ? Optional.of(Set.of()) : compiled.get().read();
        javacRead.flatMap(read -> SourceReads.of(before.settings(), files, entitySources, read))
                .ifPresent(reads -> reads.write(entry.resolve(READS)));
        CachePruner.prune(settings.cacheDir(), entry);
        return model.warnedFirst(told);
    }

    /**
     * The model of an older entry whose sources changed only where javac never looked ({@link SourceReads}), written
     * under this run's key too, so that the next run finds it at once.
     */
    private Optional<JpaModel> readsUnchanged(Path entry, SourceReads before, List<SourceFile> files) {
        List<Path> entries;
        try (Stream<Path> list = Files.list(settings.cacheDir())) {
            entries = list.filter(CachePruner::isEntry).toList();
        } catch (IOException e) {
            return Optional.empty(); // no cache yet
        }
        for (Path older : entries) {
            Optional<SourceReads> reads = SourceReads.read(older.resolve(READS));
            if (reads.isEmpty() || !reads.get().holdFor(before, files)) {
                continue;
            }
            Optional<JpaModel> model = ModelFile.read(older.resolve(MODEL));
            if (model.isPresent()) {
                LOG.debug("Only sources the entities do not use changed; using the cached model of {}", older);
                ModelFile.write(entry.resolve(MODEL), model.get());
                reads.get().write(entry.resolve(READS));
                CachePruner.prune(settings.cacheDir(), entry);
                return model;
            }
        }
        return Optional.empty();
    }

    /**
     * Where the unit's entities are looked for, as JPA scans them: its root (which the compiled sources belong to,
     * as a build puts them beside {@code META-INF}) and its {@code <jar-file>}s; the classes it lists are added
     * wherever they are.
     */
    private static List<Path> unitScan(PersistenceUnit unit, Optional<Path> compiled) {
        List<Path> scanned = new ArrayList<>();
        compiled.ifPresent(scanned::add);
        scanned.add(unit.root());
        scanned.addAll(unit.jarFiles());
        return scanned;
    }

    /** How many times this source ran javac; a cache hit leaves it unchanged. */
    int compilations() {
        return compilations;
    }

    /** How many times this source booted Hibernate; a cache hit leaves it unchanged. */
    int hibernateBoots() {
        return hibernateBoots;
    }

    /**
     * Classes compiled from the sources, and the sources javac read for them.
     *
     * @param read empty when an earlier run compiled the classes, and what it read is not known
     */
    private record Compiled(Path classes, Optional<Set<Path>> read) {
    }

    /** The classes compiled from the sources, compiling them unless an earlier run already did. */
    private Compiled compiled(List<SourceFile> entitySources, Path classes) {
        if (Files.isDirectory(classes)) {
            // published whole by an earlier run (see below); only Hibernate failed or was cut short
            return new Compiled(classes, Optional.empty());
        }
        Set<Path> read = null;
        Path work;
        try {
            Files.createDirectories(classes.getParent());
            work = Files.createTempDirectory(classes.getParent(), "compiling-");
        } catch (IOException e) {
            throw new JpaModelException("Cannot write the entity cache " + classes.getParent() + ": " + e.getMessage()
                    + "; check that the cache directory is writable.", e);
        }
        try {
            compilations++;
            long start = System.nanoTime();
            read = EntityCompiler.compile(entitySources, settings, work);
            LOG.debug("Compiled {} entity sources in {} ms", entitySources.size(), (System.nanoTime() - start) / 1_000_000);
            // Moved into place whole, so a concurrent run never loads half the classes.
            Files.move(work, classes, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            // Another run compiled the same sources first: same key, same classes.
        } catch (IOException e) {
            if (!Files.isDirectory(classes)) {
                throw new JpaModelException("Cannot write the entity cache " + classes + ": " + e.getMessage()
                        + "; check that the cache directory is writable.", e);
            }
        } finally {
            CachePruner.delete(work);
        }
        return new Compiled(classes, Optional.ofNullable(read));
    }

    private JpaModel generate(List<Path> roots, List<Path> scanned, Optional<PersistenceUnit> unit,
            Set<String> sourcePackages) {
        Set<String> names = new LinkedHashSet<>();
        // The packages whose package-info carries generators, queries or filters: the application registers them.
        Set<String> packages = new LinkedHashSet<>();
        for (Path root : scanned) {
            // With <exclude-unlisted-classes>, the root's other classes are not the unit's, but a jar's still are.
            boolean listedOnly = unit.isPresent() && unit.get().excludeUnlisted()
                    && !unit.get().jarFiles().contains(root);
            if (!listedOnly) {
                names.addAll(MappedClassScanner.scan(root, settings::includes));
                packages.addAll(MappedClassScanner.packages(root, settings::includes));
            }
        }
        unit.ifPresent(u -> names.addAll(u.classes()));
        if (names.isEmpty()) {
            throw noEntities(roots);
        }
        try (URLClassLoader loader = new URLClassLoader("retort-entities", urls(roots),
                JpaModelSource.class.getClassLoader())) {
            List<String> listedPackages = unit.map(u -> listedPackages(u, loader)).orElse(List.of());
            names.removeAll(listedPackages);
            packages.addAll(listedPackages);
            unit.ifPresent(u -> names.removeAll(unannotatedPackages(u, loader, roots, sourcePackages)));
            List<Class<?>> mapped = load(names, loader, unit);
            if (mapped.stream().noneMatch(c -> c.isAnnotationPresent(Entity.class)) && !hasMappingFiles(unit)) {
                throw noEntities(roots);
            }
            hibernateBoots++;
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                long start = System.nanoTime();
                JpaModel model = HibernateSchema.generate(mapped, List.copyOf(packages), mappingFiles(loader, unit),
                        settings, unit, loader);
                LOG.debug("Hibernate mapped {} classes in {} ms", mapped.size(), (System.nanoTime() - start) / 1_000_000);
                return model;
            } finally {
                thread.setContextClassLoader(previous);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean hasMappingFiles(Optional<PersistenceUnit> unit) {
        return !settings.mappingFiles().isEmpty() || unit.map(u -> !u.mappingFiles().isEmpty()).orElse(false);
    }

    /**
     * The mapping files, in the order the application reads them: the {@code orm.xml} ({@link #ormXml}), then a
     * persistence unit's {@code <mapping-file>}s, then {@code [models] mapping_files} (Spring's
     * {@code spring.jpa.mapping-resources}). A file named that none of the entities' entries holds stops the command,
     * as it stops the application.
     */
    private List<URL> mappingFiles(URLClassLoader loader, Optional<PersistenceUnit> unit) {
        List<URL> urls = new ArrayList<>();
        ormXml(loader, unit).ifPresent(urls::add);
        List<String> named = new ArrayList<>();
        unit.ifPresent(u -> named.addAll(u.mappingFiles()));
        named.addAll(settings.mappingFiles());
        for (String name : named) {
            URL url = loader.findResource(name.startsWith("/") ? name.substring(1) : name);
            if (url == null) {
                String where = unit.filter(u -> u.mappingFiles().contains(name))
                        .map(u -> "<mapping-file> of persistence unit " + u.name() + " (" + u.file() + ")")
                        .orElse("[models] mapping_files in retort.toml");
                throw new JpaModelException(where + " names " + name + ", which is in none of [models] sources' "
                        + "compiled classes or [models] classpath; add the directory that holds it "
                        + "(src/main/resources) to [models] classpath, or correct the name.");
            }
            if (!urls.contains(url)) {
                urls.add(url);
            }
        }
        return urls;
    }

    /**
     * The {@code META-INF/orm.xml} the application maps its entities with too: Spring Boot adds the first one on
     * the class path to the classes it scans (Spring's {@code DefaultPersistenceUnitManager}), unless a
     * {@code persistence.xml} lies beside it, whose persistence unit it belongs to; JPA reads it in a persistence
     * unit's root. Only the entities' own roots are searched, not Retort's class path.
     */
    private static Optional<URL> ormXml(URLClassLoader loader, Optional<PersistenceUnit> unit) {
        if (unit.isPresent()) {
            // JPA reads the orm.xml in the unit's root, beside its persistence.xml.
            return ormXmlIn(unit.get().root());
        }
        URL ormXml = loader.findResource(ORM_XML);
        if (ormXml == null) {
            return Optional.empty();
        }
        try {
            new URL(ormXml, "persistence.xml").openStream().close();
            LOG.debug("Not reading {}: a persistence.xml lies beside it", ormXml);
            return Optional.empty();
        } catch (IOException e) {
            LOG.debug("Reading {}", ormXml);
            return Optional.of(ormXml);
        }
    }

    private static Optional<URL> ormXmlIn(Path root) {
        try {
            if (Files.isDirectory(root)) {
                Path file = root.resolve(ORM_XML);
                return Files.isRegularFile(file) ? Optional.of(file.toUri().toURL()) : Optional.empty();
            }
            try (ZipFile jar = new ZipFile(root.toFile())) {
                return jar.getEntry(ORM_XML) == null ? Optional.empty()
                        : Optional.of(new URL("jar:" + root.toUri() + "!/" + ORM_XML));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The unit's {@code <class>}es that name a package, as Hibernate tells them (its {@code ScanningCoordinator}): an
     * entry is a class when its class file is found, else a package when its {@code package-info} class is; the
     * application registers that package, so the generators, queries and filters of its {@code package-info} serve.
     */
    private static List<String> listedPackages(PersistenceUnit unit, ClassLoader loader) {
        return unit.classes().stream()
                .filter(name -> !isClass(name, loader) && hasPackageInfo(name, loader))
                .toList();
    }

    private static boolean isClass(String name, ClassLoader loader) {
        return loader.getResource(name.replace('.', '/') + ".class") != null;
    }

    private static boolean hasPackageInfo(String name, ClassLoader loader) {
        return loader.getResource(name.replace('.', '/') + "/" + EntitySources.PACKAGE_INFO + ".class") != null;
    }

    /**
     * The unit's {@code <class>}es that name a package of the sources or the class path with no {@code package-info}
     * class: none, or one without annotations, of which javac writes none. Hibernate, finding neither a class nor a
     * {@code package-info}, logs the entry at debug level and goes on; such a package has nothing to register.
     */
    private static List<String> unannotatedPackages(PersistenceUnit unit, ClassLoader loader, List<Path> roots,
            Set<String> sourcePackages) {
        List<String> unannotated = unit.classes().stream()
                .filter(name -> !isClass(name, loader) && !hasPackageInfo(name, loader))
                .filter(name -> sourcePackages.contains(name) || roots.stream().anyMatch(r -> hasClasses(r, name)))
                .toList();
        unannotated.forEach(name -> LOG.debug("Persistence unit {} lists the package {}, which has no annotated "
                + "package-info: nothing to register", unit.name(), name));
        return unannotated;
    }

    /** The packages of the sources: those with a {@code .java} file, {@code package-info.java} among them. */
    private static Set<String> sourcePackages(List<SourceFile> files) {
        Set<String> packages = new LinkedHashSet<>();
        for (SourceFile file : files) {
            int slash = file.relative().lastIndexOf('/');
            if (file.relative().endsWith(".java") && slash > 0) {
                packages.add(file.relative().substring(0, slash).replace('/', '.'));
            }
        }
        return packages;
    }

    /**
     * Whether a classes directory or jar holds a class file of the package: a jar need not list its directories,
     * so its entries' names are read.
     */
    private static boolean hasClasses(Path root, String packageName) {
        String prefix = packageName.replace('.', '/') + "/";
        try {
            if (Files.isDirectory(root)) {
                Path dir = root.resolve(prefix);
                if (!Files.isDirectory(dir)) {
                    return false;
                }
                try (Stream<Path> list = Files.list(dir)) {
                    return list.anyMatch(p -> p.getFileName().toString().endsWith(".class") && Files.isRegularFile(p));
                }
            }
            if (!Files.isRegularFile(root)) {
                return false;
            }
            try (ZipFile jar = new ZipFile(root.toFile())) {
                return jar.stream().map(ZipEntry::getName).anyMatch(name -> name.startsWith(prefix)
                        && name.endsWith(".class") && name.indexOf('/', prefix.length()) < 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the candidate classes (without initialising them) and keeps those that really carry a mapping. */
    private static List<Class<?>> load(Set<String> names, ClassLoader loader, Optional<PersistenceUnit> unit) {
        List<Class<?>> mapped = new ArrayList<>();
        for (String name : names) {
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException e) {
                if (unit.isPresent() && unit.get().classes().contains(name)) {
                    throw new JpaModelException("Persistence unit " + unit.get().name() + " (" + unit.get().file()
                            + ") lists <class>" + name + "</class>, which names no class and no package of "
                            + "[models] sources or classpath; add its source root or classes, or remove it from the "
                            + "unit.", e);
                }
                throw cannotLoad(name, e);
            } catch (LinkageError e) {
                throw cannotLoad(name, e);
            }
            if (MAPPINGS.stream().anyMatch(type::isAnnotationPresent)) {
                mapped.add(type);
            }
        }
        mapped.sort(Comparator.comparing(Class::getName));
        return mapped;
    }

    private static JpaModelException cannotLoad(String name, Throwable e) {
        return new JpaModelException("Cannot load the entity class " + name + MissingClass.of(e)
                .map(m -> ": it needs " + m.name() + ", which is not on the class path; add " + m.jar())
                .orElse(": " + e + "; add the jars it needs") + " to [models] classpath in retort.toml.", e);
    }

    private JpaModelException noEntities(List<Path> roots) {
        for (Path root : roots) {
            List<String> javax = MappedClassScanner.scanJavax(root, settings::includes);
            if (!javax.isEmpty()) {
                return new JpaModelException("No Jakarta Persistence entities found, but " + javax.get(0)
                        + (javax.size() > 1 ? " (and " + (javax.size() - 1) + " more)" : "") + " "
                        + JavaxPersistence.EXPLANATION);
            }
        }
        List<Path> dirs = new ArrayList<>(settings.sources());
        dirs.addAll(settings.classpath());
        String where = dirs.isEmpty() ? "no directories (none configured)"
                : dirs.stream().map(Path::toString).collect(Collectors.joining(", "));
        String packages = settings.packages().isEmpty() ? "any" : String.join(", ", settings.packages());
        return new JpaModelException("No @Entity classes found in " + where + " (packages: " + packages
                + "); check [models] sources and packages in retort.toml.");
    }

    private static URL[] urls(List<Path> roots) {
        URL[] urls = new URL[roots.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = roots.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException("A file path is always a valid URL: " + roots.get(i), e);
            }
        }
        return urls;
    }
}
