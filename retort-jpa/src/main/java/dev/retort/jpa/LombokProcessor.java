package dev.retort.jpa;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipFile;

/**
 * Lombok's annotation processor, run on the entity sources when the Lombok jar is on {@code [models] classpath}.
 *
 * <p>Entities written with {@code @Getter}, {@code @Data} or {@code @Builder} compile without it only while no code
 * calls what Lombok generates; a helper method in an entity ({@code lines.stream().map(OrderLine::getAmount)})
 * does, and fails with "cannot find symbol". So when the user's class path holds Lombok, javac runs Lombok's
 * processor, and only that one: the javac options name it, with the Lombok jar alone as the processor path, so
 * another processor on the class path (a metamodel generator, say) still does not run.
 */
final class LombokProcessor {
    /** Lombok's processors, as its jar lists them in {@code META-INF/services}. */
    private static final String PROCESSORS = "lombok.launch.AnnotationProcessorHider$AnnotationProcessor,"
            + "lombok.launch.AnnotationProcessorHider$ClaimingProcessor";
    private static final String MARKER = "lombok/launch/AnnotationProcessorHider$AnnotationProcessor.class";

    private final Path jar;

    private LombokProcessor(Path jar) {
        this.jar = jar;
    }

    /** The processor of the first jar on the class path that holds Lombok; none when no entry does. */
    static Optional<LombokProcessor> find(List<Path> classpath) {
        for (Path entry : classpath) {
            if (Files.isRegularFile(entry) && holdsLombok(entry)) {
                return Optional.of(new LombokProcessor(entry.toAbsolutePath().normalize()));
            }
        }
        return Optional.empty();
    }

    /** The javac options that run Lombok's processors, and no other. */
    List<String> options() {
        return List.of("-processorpath", jar.toString(), "-processor", PROCESSORS);
    }

    /**
     * Whether a source file uses Lombok. javac runs processors only on the files it is given, not on the files it
     * finds through the source path, so such a file must be named to javac for its generated methods to exist.
     */
    static boolean uses(Path source) {
        try {
            return new String(Files.readAllBytes(source), StandardCharsets.UTF_8).contains("lombok");
        } catch (IOException e) {
            return false; // javac read it a moment ago; if it cannot be read now, javac will say so
        }
    }

    private static boolean holdsLombok(Path entry) {
        try (ZipFile zip = new ZipFile(entry.toFile())) {
            return zip.getEntry(MARKER) != null;
        } catch (IOException e) {
            return false; // not a jar: the scan for entities reports it
        }
    }
}
