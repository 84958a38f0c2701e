package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;

import dev.retort.Migration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompiledClassLoaderTest {
    @TempDir
    Path dir;

    private Path compile(String name, String source) throws Exception {
        Path file = dir.resolve("src").resolve(name + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
        Path out = dir.resolve("classes-" + name);
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", out.toString(), file.toString());
        assertThat(status).isZero();
        return out;
    }

    @Test
    void aCompiledClassIsDefinedHereEvenWhereTheParentHasOneOfItsName() throws Exception {
        // The parent has org.junit.jupiter.api.Test; the compiled class of that name is the one a migration meant.
        Path own = compile("Own", "public class Own { }");
        Path shadow = compile("Test", "package org.junit.jupiter.api; public class Test { public int mine; }");
        CompiledClassLoader loader = new CompiledClassLoader(List.of(own, shadow), getClass().getClassLoader());

        assertThat(loader.loadClass("Own").getClassLoader()).isSameAs(loader);
        Class<?> test = loader.loadClass("org.junit.jupiter.api.Test");
        assertThat(test.getClassLoader()).isSameAs(loader);
        assertThat(test.getField("mine")).isNotNull();
        assertThat(loader.loadClass("Own")).isSameAs(loader.loadClass("Own"));
        assertThat(loader.loadClass("java.lang.String")).isSameAs(String.class);
    }

    @Test
    void retortsOwnNamesComeFromTheParent() throws Exception {
        Path fake = compile("Migration", "package dev.retort; public interface Migration { }");
        CompiledClassLoader loader = new CompiledClassLoader(List.of(fake), getClass().getClassLoader());

        assertThat(loader.loadClass("dev.retort.Migration")).isSameAs(Migration.class);
    }

    @Test
    void directoriesShareALoaderUnlessTheyDeclareAClassOfOneName() throws Exception {
        Path a = compile("A", "public class A { public static String sql() { return Sql.text(); } }\n"
                + "class Sql { static String text() { return \"a\"; } }");
        Path b = compile("B", "public class B { }");
        Path c = compile("C", "public class C { public static String sql() { return Sql.text(); } }\n"
                + "class Sql { static String text() { return \"c\"; } }");

        Map<Path, CompiledClassLoader> loaders = CompiledClassLoader.apart(List.of(a, b, c), getClass().getClassLoader());

        assertThat(loaders.get(b)).isSameAs(loaders.get(a));
        assertThat(loaders.get(c)).isNotSameAs(loaders.get(a));
        assertThat(loaders.get(a).loadClass("A").getMethod("sql").invoke(null)).isEqualTo("a");
        assertThat(loaders.get(c).loadClass("C").getMethod("sql").invoke(null)).isEqualTo("c");
        assertThat(loaders.get(c).classFiles(c)).hasSize(2);
    }
}
