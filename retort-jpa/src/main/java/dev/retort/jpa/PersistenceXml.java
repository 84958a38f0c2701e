package dev.retort.jpa;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipFile;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Finds the persistence unit the entities belong to: the {@code META-INF/persistence.xml} in the entities' own
 * classpath entries, as JPA finds it on an application's class path ({@code Persistence.createEntityManagerFactory}).
 *
 * <p>Directories are looked in, and jars named one by one; the jars a {@code dir/*} stands for (the application's
 * dependencies) are not, as a library's unit is not the application's. {@code javax} and {@code jakarta} files are
 * read alike: the elements are the same, only the namespace differs.
 */
final class PersistenceXml {
    static final String RESOURCE = "META-INF/persistence.xml";

    private PersistenceXml() {
    }

    /**
     * The unit {@code name} names, or, without a name, the only unit there is; none when no entry holds a
     * {@code persistence.xml} and no name is given.
     */
    static Optional<PersistenceUnit> find(JpaSettings settings) {
        List<Declared> units = new ArrayList<>();
        for (Path entry : settings.classpath()) {
            Path path = entry.toAbsolutePath().normalize();
            if (path.getFileName() != null && path.getFileName().toString().equals("*")) {
                continue;
            }
            if (Files.isDirectory(path)) {
                Path file = path.resolve(RESOURCE);
                if (Files.isRegularFile(file)) {
                    units.addAll(read(file.toString(), path, () -> Files.newInputStream(file)));
                }
            } else if (Files.isRegularFile(path)) {
                units.addAll(inJar(path));
            }
        }
        Optional<String> wanted = settings.persistenceUnit();
        if (wanted.isPresent()) {
            return Optional.of(units.stream().filter(u -> u.name().equals(wanted.get())).findFirst()
                    .map(Declared::resolved)
                    .orElseThrow(() -> new JpaModelException("[models] persistence_unit in retort.toml names "
                            + wanted.get() + ", but "
                            + (units.isEmpty() ? "no " + RESOURCE + " is in [models] classpath"
                            : "the persistence.xml files in [models] classpath define only " + names(units))
                            + "; correct persistence_unit, or add the directory that holds " + RESOURCE
                            + " (src/main/resources) to [models] classpath.")));
        }
        if (units.size() > 1) {
            throw new JpaModelException("The persistence.xml files in [models] classpath define " + units.size()
                    + " persistence units (" + names(units) + "); name the one the entities belong to with "
                    + "persistence_unit = \"" + units.get(0).name() + "\" in [models] of retort.toml.");
        }
        return units.stream().findFirst().map(Declared::resolved);
    }

    /**
     * A unit as its file declares it, with its {@code <jar-file>}s as written: they are looked for only in the unit
     * the entities belong to, as another unit's jar (a reporting unit's, not built for this run) is no concern of
     * theirs.
     */
    private record Declared(String name, String file, Path root, List<String> classes, List<String> mappingFiles,
            List<String> jarFiles, boolean excludeUnlisted, Map<String, String> properties,
            Optional<String> provider) {
        PersistenceUnit resolved() {
            List<Path> jars = jarFiles.stream().map(text -> jarFile(text, root, file, name)).toList();
            return new PersistenceUnit(name, file, root, classes, mappingFiles, jars, excludeUnlisted, properties,
                    provider);
        }
    }

    private static String names(List<Declared> units) {
        return String.join(", ", units.stream().map(u -> u.name() + " (" + u.file() + ")").toList());
    }

    private static List<Declared> inJar(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            var entry = zip.getEntry(RESOURCE);
            if (entry == null) {
                return List.of();
            }
            return read(jar + "!/" + RESOURCE, jar, () -> zip.getInputStream(entry));
        } catch (IOException e) {
            return List.of(); // not a jar: the scan for entities reports it
        }
    }

    private interface Source {
        InputStream open() throws IOException;
    }

    private static List<Declared> read(String file, Path root, Source source) {
        Element document;
        try (InputStream in = source.open()) {
            document = builder().parse(in).getDocumentElement();
        } catch (IOException | SAXException e) {
            throw new JpaModelException("Cannot read " + file + ": " + e.getMessage()
                    + "; fix it, or leave its directory out of [models] classpath.", e);
        }
        List<Declared> units = new ArrayList<>();
        for (Element unit : children(document, "persistence-unit")) {
            String name = unit.getAttribute("name");
            List<String> classes = new ArrayList<>();
            List<String> mappingFiles = new ArrayList<>();
            List<String> jarFiles = new ArrayList<>();
            boolean excludeUnlisted = false;
            Map<String, String> properties = new LinkedHashMap<>();
            Optional<String> provider = Optional.empty();
            Optional<String> validationMode = Optional.empty();
            for (Element child : children(unit, null)) {
                String text = child.getTextContent().strip();
                switch (localName(child)) {
                    case "class" -> classes.add(text);
                    case "mapping-file" -> mappingFiles.add(text);
                    case "jar-file" -> jarFiles.add(text);
                    // An empty element means true, as JPA's schema gives it that default.
                    case "exclude-unlisted-classes" -> excludeUnlisted = text.isEmpty() || Boolean.parseBoolean(text);
                    case "provider" -> provider = Optional.of(text);
                    case "validation-mode" -> validationMode = Optional.of(text);
                    case "properties" -> children(child, "property").forEach(p ->
                            properties.put(p.getAttribute("name").strip(), p.getAttribute("value").strip()));
                    default -> {
                    }
                }
            }
            // Hibernate reads <validation-mode> as this property, over the unit's own <property> of that name.
            validationMode.ifPresent(mode -> properties.put(PersistenceUnit.VALIDATION_MODE, mode));
            units.add(new Declared(name, file, root, List.copyOf(classes), List.copyOf(mappingFiles),
                    List.copyOf(jarFiles), excludeUnlisted, Map.copyOf(properties), provider));
        }
        return units;
    }

    /**
     * A {@code <jar-file>}, which JPA takes relative to the directory that holds the unit's root (for a root
     * {@code target/classes}, {@code lib/model.jar} is {@code target/lib/model.jar}); relative to the root itself is
     * tried second, as some applications write it so.
     */
    private static Path jarFile(String text, Path root, String file, String unit) {
        Path parent = root.getParent() == null ? root : root.getParent();
        for (Path base : List.of(parent, root)) {
            Path jar = base.resolve(text.replaceFirst("^file:", "")).normalize();
            if (Files.exists(jar)) {
                return jar;
            }
        }
        throw new JpaModelException("Persistence unit " + unit + " (" + file + ") names <jar-file>" + text
                + "</jar-file>, which is not at " + parent.resolve(text).normalize() + "; build it first, or correct "
                + "the path (it is relative to the directory that holds " + root.getFileName() + ").");
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // A persistence.xml needs no DTD or external entity; reading one could reach the network.
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser takes these features", e);
        }
    }

    /** The child elements, of one local name (any namespace) or all of them when {@code name} is null. */
    private static List<Element> children(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && (name == null || localName(element).equals(name))) {
                children.add(element);
            }
        }
        return children;
    }

    private static String localName(Element element) {
        return element.getLocalName() != null ? element.getLocalName() : element.getTagName();
    }
}
