package dev.retort.internal;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.retort.Revision;
import java.io.IOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes, beside each {@link Revision} class an application's build compiles, the checksum of the file it was
 * compiled from: {@code CreateUsers_a1b2c3d4e5f6.retort-checksum} next to {@code CreateUsers_a1b2c3d4e5f6.class}.
 * Retort, finding the class on the application's class path, compares it with the checksum of the migration file it
 * runs, and refuses a class built from another version of the file (an old class left in the jar) instead of running
 * it while the history records the file's checksum.
 *
 * <p>javac finds it by its {@code META-INF/services} entry whenever this module is on the compile class path, as it
 * is for every migration (up to JDK 22; later ones need {@code -proc:full}, or this module on the processor path).
 * It reads the source through javac's tree API, so another compiler (Eclipse's) writes no checksum.
 */
@SupportedAnnotationTypes("dev.retort.Revision")
public final class RevisionChecksumProcessor extends AbstractProcessor {
    /** What follows the class's name in the name of the file that holds its source's checksum. */
    public static final String SUFFIX = ".retort-checksum";

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (annotations.isEmpty()) {
            return false;
        }
        Trees trees;
        try {
            trees = Trees.instance(processingEnv);
        } catch (IllegalArgumentException e) {
            // Not javac (or javac behind a wrapper): the classes go without checksums, and Retort says so at run time.
            return false;
        }
        for (Element element : round.getElementsAnnotatedWith(Revision.class)) {
            if (element instanceof TypeElement type && type.getNestingKind() == NestingKind.TOP_LEVEL) {
                write(type, trees.getPath(type));
            }
        }
        return false;
    }

    private void write(TypeElement type, TreePath path) {
        if (path == null) {
            return; // a class read from a class file, not compiled from a source
        }
        CompilationUnitTree unit = path.getCompilationUnit();
        String pkg = processingEnv.getElementUtils().getPackageOf(type).getQualifiedName().toString();
        try {
            String checksum = SourceChecksum.of(unit.getSourceFile().getCharContent(true).toString());
            FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, pkg,
                    type.getSimpleName() + SUFFIX, type);
            try (Writer out = file.openWriter()) {
                out.write(checksum + "\n");
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING, "Retort could not record the "
                    + "checksum of the source of " + type.getQualifiedName() + " (" + e.getMessage() + "); Retort "
                    + "will refuse the class at run time.", type);
        }
    }
}
