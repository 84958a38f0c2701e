package dev.retort.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.retort.dialect.postgres.PostgresDialect;
import dev.retort.operation.Operation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaMigrationCompilerTest {
    @TempDir
    Path project;

    private Path write(String id, String message, List<String> down, String upgrade) {
        return ScriptWriter.write(project.resolve("versions"), new NewRevision(id, message, down, List.of(), List.of(),
                LocalDateTime.of(2026, 11, 25, 10, 0), ScriptKind.JAVA, upgrade, "op.execute(\"SELECT 'down'\");"));
    }

    private static long entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("compiling-")).count();
        }
    }

    @Test
    void compilesAllFilesOnceAndReusesTheCache() throws IOException {
        write("aaaaaaaaaaaa", "first", List.of(), "op.execute(\"SELECT 1\");");
        write("bbbbbbbbbbbb", "second", List.of("aaaaaaaaaaaa"), "op.execute(\"SELECT 2\");");
        ScriptDirectory dir = ScriptDirectory.load(project.resolve("versions"));
        Path cache = project.resolve(".retort/cache/java");
        MigrationLoader loader = new MigrationLoader(new PostgresDialect(), cache);
        List<Script> scripts = List.of(dir.script("aaaaaaaaaaaa"), dir.script("bbbbbbbbbbbb"));
        loader.prepare(scripts);
        List<Operation> up = loader.operations(dir.script("bbbbbbbbbbbb"), true);
        assertThat(new PostgresDialect().render(up.get(0))).containsExactly("SELECT 2");
        assertThat(new PostgresDialect().render(loader.operations(dir.script("aaaaaaaaaaaa"), false).get(0)))
                .containsExactly("SELECT 'down'");
        assertThat(entries(cache)).isEqualTo(2);

        // A fresh loader (a new process) finds both in the cache; a changed file gets a new entry.
        var again = new MigrationLoader(new PostgresDialect(), cache);
        again.prepare(scripts);
        assertThat(entries(cache)).isEqualTo(2);
        Path third = write("cccccccccccc", "third", List.of("bbbbbbbbbbbb"), "op.execute(\"SELECT 3\");");
        ScriptDirectory dir2 = ScriptDirectory.load(project.resolve("versions"));
        new MigrationLoader(new PostgresDialect(), cache).prepare(List.of(dir2.script("cccccccccccc")));
        assertThat(entries(cache)).isEqualTo(3);
        assertThat(third.getFileName().toString()).isEqualTo("cccccccccccc_third.java");
    }

    @Test
    void aProjectWhereTheCacheCannotBeWrittenStillRunsItsMigrations() throws IOException {
        // A read-only project (an image that runs its migrations at deploy): here .retort is a file, which stops
        // root too, where a directory without write permission would not.
        write("aaaaaaaaaaaa", "first", List.of(), "op.execute(\"SELECT 1\");");
        Files.writeString(project.resolve(".retort"), "");
        ScriptDirectory dir = ScriptDirectory.load(project.resolve("versions"));
        MigrationLoader loader = new MigrationLoader(new PostgresDialect(), project.resolve(".retort/cache/java"));
        loader.prepare(List.of(dir.script("aaaaaaaaaaaa")));
        assertThat(new PostgresDialect().render(loader.operations(dir.script("aaaaaaaaaaaa"), true).get(0)))
                .containsExactly("SELECT 1");
        assertThat(project.resolve(".retort")).isRegularFile();
    }

    @Test
    void aCompileRemovesOldEntriesItDoesNotUse() throws IOException {
        Path cache = project.resolve(".retort/cache/java");
        Path oldUnused = Files.createDirectories(cache.resolve("0123456789abcdef0123456789abcdef"));
        Path recentUnused = Files.createDirectories(cache.resolve("fedcba9876543210fedcba9876543210"));
        Path abandoned = Files.createDirectories(cache.resolve("compiling-12345"));
        Path notOurs = Files.createDirectories(cache.resolve("keep-me"));
        Instant now = Instant.now();
        age(oldUnused, now.minus(CompileCachePruner.OLD).minus(Duration.ofDays(1)));
        age(abandoned, now.minus(CompileCachePruner.ABANDONED).minus(Duration.ofMinutes(1)));
        age(notOurs, now.minus(Duration.ofDays(365)));

        write("aaaaaaaaaaaa", "first", List.of(), "op.execute(\"SELECT 1\");");
        ScriptDirectory dir = ScriptDirectory.load(project.resolve("versions"));
        new MigrationLoader(new PostgresDialect(), cache).prepare(List.of(dir.script("aaaaaaaaaaaa")));
        Script first = dir.script("aaaaaaaaaaaa");
        Path used = cache.resolve(CompiledEntry.name(CompileKey.of(first.source()), first.modified(),
                first.compileStat()));
        assertThat(used).isDirectory();
        assertThat(oldUnused).doesNotExist();
        assertThat(abandoned).doesNotExist();
        assertThat(recentUnused).isDirectory();
        assertThat(notOurs).isDirectory();

        // An entry in use stays however old it is; a run that compiles nothing prunes nothing.
        age(used, now.minus(Duration.ofDays(400)));
        age(recentUnused, now.minus(Duration.ofDays(400)));
        new MigrationLoader(new PostgresDialect(), cache).prepare(List.of(dir.script("aaaaaaaaaaaa")));
        assertThat(recentUnused).isDirectory();
        write("bbbbbbbbbbbb", "second", List.of("aaaaaaaaaaaa"), "op.execute(\"SELECT 2\");");
        ScriptDirectory dir2 = ScriptDirectory.load(project.resolve("versions"));
        new MigrationLoader(new PostgresDialect(), cache)
                .prepare(List.of(dir2.script("aaaaaaaaaaaa"), dir2.script("bbbbbbbbbbbb")));
        assertThat(used).isDirectory();
        assertThat(recentUnused).doesNotExist();
    }

    /**
     * Compiles the reviewed migration a00000000001 into {@code cache}, then puts over the classes of each entry those
     * of another file of the same revision and class (which a hostile repository could commit as the cache of the
     * reviewed file), and returns the reviewed file.
     */
    private Path cachedThenReplaced(Path cache) throws IOException {
        Path evil = project.resolve("evil");
        ScriptWriter.write(evil.resolve("versions"), new NewRevision("a00000000001", "first", List.of(), List.of(),
                List.of(), LocalDateTime.of(2026, 11, 25, 10, 0), ScriptKind.JAVA, "op.execute(\"SELECT 'evil'\");",
                "op.execute(\"SELECT 'down'\");"));
        Path evilCache = evil.resolve("cache");
        new MigrationLoader(new PostgresDialect(), evilCache)
                .prepare(List.of(ScriptDirectory.load(evil.resolve("versions")).script("a00000000001")));
        Path evilEntry;
        try (Stream<Path> s = Files.list(evilCache)) {
            evilEntry = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Path reviewed = write("a00000000001", "first", List.of(), "op.execute(\"SELECT 'reviewed'\");");
        new MigrationLoader(new PostgresDialect(), cache)
                .prepare(List.of(ScriptDirectory.load(project.resolve("versions")).script("a00000000001")));
        try (Stream<Path> entries = Files.list(cache)) {
            for (Path entry : entries.filter(Files::isDirectory).toList()) {
                try (Stream<Path> classes = Files.list(evilEntry)) {
                    for (Path file : classes.toList()) {
                        Files.copy(file, entry.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        return reviewed;
    }

    private String upgradeOf(Path cache, Path scriptCache) {
        return upgradeOf(project, cache, scriptCache);
    }

    private static String upgradeOf(Path project, Path cache, Path scriptCache) {
        ScriptDirectory dir = ScriptDirectory.load(project.resolve("versions"), scriptCache);
        MigrationLoader loader = new MigrationLoader(new PostgresDialect(), cache);
        return new PostgresDialect().render(loader.operations(dir.script("a00000000001"), true).get(0)).get(0);
    }

    @Test
    void classesCachedForTheFileAsLastModifiedAnotherTimeAreCompiledAgainNotLoaded() throws IOException {
        // A clone gives every file the time of its checkout: the classes committed under .retort/cache/java beside
        // the file are another's, whatever their entry is named.
        Path cache = project.resolve(".retort/cache/java");
        Path scriptCache = project.resolve(".retort/cache/scripts");
        Path reviewed = cachedThenReplaced(cache);
        FileTime checkout = FileTime.from(Instant.parse("2026-01-02T03:04:05.123456789Z"));
        Files.setLastModifiedTime(reviewed, checkout);

        assertThat(upgradeOf(cache, scriptCache)).isEqualTo("SELECT 'reviewed'");
        // From the script cache's entry too, trusted once written well after the file's last change.
        Files.setLastModifiedTime(scriptCache, FileTime.from(Instant.now().plusSeconds(10)));
        assertThat(upgradeOf(cache, scriptCache)).isEqualTo("SELECT 'reviewed'");
        assertThat(upgradeOf(cache, null)).isEqualTo("SELECT 'reviewed'");
    }

    @Test
    void classesCachedForTheFileAsLastModifiedAreUsedAsTheyAre() throws IOException {
        // An image's layers keep each file's time: the classes compiled in its build stage are used, with no
        // compiler. Replaced ones show that no compile happened.
        Path cache = project.resolve(".retort/cache/java");
        Path reviewed = cachedThenReplaced(cache);

        assertThat(upgradeOf(cache, null)).isEqualTo("SELECT 'evil'");
    }

    @Test
    void classesCachedForAFileCopiedWithItsTimeAreCompiledAgainNotLoaded() throws IOException {
        // tar x of a pax archive (which keeps the nanoseconds its author chose), cp -a and rsync -a give a project's
        // files their times back: the classes that came with it, named for the reviewed file's time, are another's.
        Path reviewed = cachedThenReplaced(project.resolve(".retort/cache/java"));
        Path copy = project.resolve("extracted");
        copyKeepingTimes(project.resolve("versions"), copy.resolve("versions"));
        copyKeepingTimes(project.resolve(".retort"), copy.resolve(".retort"));
        Path copied = copy.resolve("versions").resolve(reviewed.getFileName());
        assertThat(Files.getLastModifiedTime(copied)).isEqualTo(Files.getLastModifiedTime(reviewed));

        assertThat(upgradeOf(copy, copy.resolve(".retort/cache/java"), null)).isEqualTo("SELECT 'reviewed'");
        assertThat(upgradeOf(copy, copy.resolve(".retort/cache/java"), copy.resolve(".retort/cache/scripts")))
                .isEqualTo("SELECT 'reviewed'");
        // Where the classes were compiled, for the file they were compiled from, they are used as they are.
        assertThat(upgradeOf(project.resolve(".retort/cache/java"), null)).isEqualTo("SELECT 'evil'");
    }

    /** Copies the tree {@code from} to {@code to}, giving each file and directory back its modification time. */
    private static void copyKeepingTimes(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(from)) {
            paths = walk.toList();
        }
        for (Path path : paths) {
            Files.copy(path, to.resolve(from.relativize(path).toString()), StandardCopyOption.COPY_ATTRIBUTES);
        }
        // Deepest first: a copy into a directory changes its time.
        for (int i = paths.size() - 1; i >= 0; i--) {
            Path path = paths.get(i);
            Files.setLastModifiedTime(to.resolve(from.relativize(path).toString()), Files.getLastModifiedTime(path));
        }
    }

    @Test
    void whereACompilerIsClassesCachedForATimeOfAWholeSecondAreCompiledAgainAndReplaced() throws IOException {
        // git archive (a release tarball) stamps every file with the commit's time, which whoever commits chooses:
        // the entry named for it may have come with the files. Only a JRE, which cannot compile, uses it.
        Path cache = project.resolve(".retort/cache/java");
        Path reviewed = cachedThenReplaced(cache);
        long second = Files.getLastModifiedTime(reviewed).toInstant().getEpochSecond();
        Files.setLastModifiedTime(reviewed, FileTime.from(second, TimeUnit.SECONDS));
        Path entry;
        try (Stream<Path> entries = Files.list(cache)) {
            entry = entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Path planted = entry.resolveSibling(CompiledEntry.name(entry.getFileName().toString().substring(0, 32),
                TimeUnit.SECONDS.toNanos(second)));
        Files.move(entry, planted);

        assertThat(upgradeOf(cache, project.resolve(".retort/cache/scripts"))).isEqualTo("SELECT 'reviewed'");
        // Named for the file's stat where the file system tells it, the new entry takes the planted one's place.
        if (Files.isDirectory(planted)) {
            try (Stream<Path> classes = Files.list(planted)) {
                for (Path file : classes.toList()) {
                    assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                            .doesNotContain("evil");
                }
            }
        }
        try (Stream<Path> entries = Files.list(cache)) {
            assertThat(entries.filter(Files::isDirectory).count()).isEqualTo(1);
        }
    }

    private static void age(Path path, Instant modified) throws IOException {
        Files.setLastModifiedTime(path, FileTime.from(modified));
    }

    @Test
    void aCompileErrorNamesFileAndLine() {
        Path file = write("dddddddddddd", "broken", List.of(), "op.nonsense();");
        ScriptDirectory dir = ScriptDirectory.load(project.resolve("versions"));
        MigrationLoader loader = new MigrationLoader(new PostgresDialect(), project.resolve("cache"));
        assertThatThrownBy(() -> loader.prepare(List.of(dir.script("dddddddddddd"))))
                .isInstanceOf(ScriptException.class)
                .hasMessageContaining(file.getFileName() + ":20")
                .hasMessageContaining("cannot find symbol (symbol: method nonsense())")
                .hasMessageContaining("Fix the migration");
    }

    @Test
    void aCallWithTheWrongArgumentsSaysWhatWasRequiredAndFoundOnOneLine() {
        Path file = write("dddddddddddd", "thr", List.of(), "op.dropColumn(\"users\");");
        ScriptDirectory dir = ScriptDirectory.load(project.resolve("versions"));
        MigrationLoader loader = new MigrationLoader(new PostgresDialect(), project.resolve("cache"));
        assertThatThrownBy(() -> loader.prepare(List.of(dir.script("dddddddddddd"))))
                .isInstanceOf(ScriptException.class)
                .hasMessage("Could not compile a migration: " + file.getFileName() + ":20: method dropColumn in "
                        + "class dev.retort.operation.Operations cannot be applied to given types (required: "
                        + "java.lang.String,java.lang.String; found: java.lang.String; reason: actual and formal "
                        + "argument lists differ in length). Fix the migration and run the command again.");
    }

    @Test
    void aNameUsedWithoutItsImportIsGivenTheImport() {
        // The file that `retort revision` writes imports Migration, Revision and Operations only.
        write("dddddddddddd", "unimported", List.of(), "IndexElement.column(\"id\"); "
                + "op.createTable(\"t\", column(\"id\", \"int\")); List<String> names = null;");
        ScriptDirectory dir = ScriptDirectory.load(project.resolve("versions"));
        MigrationLoader loader = new MigrationLoader(new PostgresDialect(), project.resolve("cache"));
        assertThatThrownBy(() -> loader.prepare(List.of(dir.script("dddddddddddd"))))
                .isInstanceOf(ScriptException.class)
                .hasMessageContaining("(symbol: method column(java.lang.String,java.lang.String)); add 'import static "
                        + "dev.retort.operation.Operations.column;'")
                .hasMessageContaining("(symbol: class List); add 'import java.util.List;'")
                .hasMessageContaining(
                        "(symbol: variable IndexElement); add 'import dev.retort.operation.IndexElement;'")
                .hasMessageNotContaining("migration_classpath");
    }

    @Test
    void anExceptionInUpgradeNamesTheFileAndLine() {
        write("eeeeeeeeeeee", "throws", List.of(), "throw new IllegalStateException(\"boom\");");
        ScriptDirectory dir = ScriptDirectory.load(project.resolve("versions"));
        MigrationLoader loader = new MigrationLoader(new PostgresDialect(), project.resolve("cache"));
        assertThatThrownBy(() -> loader.operations(dir.script("eeeeeeeeeeee"), true))
                .hasMessageContaining(
                        "eeeeeeeeeeee_throws.java:20: upgrade() threw java.lang.IllegalStateException: boom");
    }

    @Test
    void duplicateIdsNameBothFiles() throws IOException {
        write("ffffffffffff", "one", List.of(), "");
        Files.writeString(project.resolve("versions/ffffffffffff_two.sql"),
                "-- revision: ffffffffffff\n-- down_revision: none\n-- +upgrade\n");
        assertThatThrownBy(() -> ScriptDirectory.load(project.resolve("versions")))
                .hasMessageContaining("Revision ffffffffffff is defined twice")
                .hasMessageContaining("ffffffffffff_one.java").hasMessageContaining("ffffffffffff_two.sql");
    }

    @Test
    void aMissingDirectorySaysWhatToDo() {
        assertThatThrownBy(() -> ScriptDirectory.load(project.resolve("nope")))
                .hasMessageContaining("does not exist; run `retort init .`");
    }

    @Test
    void membersAfterDowngradeLetLargeBodiesSplitIntoParts() {
        ScriptWriter.write(project.resolve("versions"), new NewRevision("abababababab", "parts", List.of(), List.of(),
                List.of(), LocalDateTime.of(2026, 11, 25, 10, 0), ScriptKind.JAVA, "upgradePart1(op);", "",
                List.of(), List.of("create t"), "private void upgradePart1(Operations op) {\n    op.execute(\"SELECT 1\");\n}\n"));
        ScriptDirectory dir = ScriptDirectory.load(project.resolve("versions"));
        MigrationLoader loader = new MigrationLoader(new PostgresDialect(), project.resolve("cache"));
        assertThat(loader.operations(dir.script("abababababab"), true)).hasSize(1);
        assertThat(dir.script("abababababab").source()).contains(" * Changes:\n *   - create t");
    }

    @Test
    void aByteOrderMarkBeforeTheSourceDoesNotStopTheCompiler() throws IOException {
        Path file = write("abcdefabcdef", "marked", List.of(), "op.execute(\"SELECT 1\");");
        byte[] text = Files.readAllBytes(file);
        byte[] marked = new byte[text.length + 3];
        marked[0] = (byte) 0xEF;
        marked[1] = (byte) 0xBB;
        marked[2] = (byte) 0xBF;
        System.arraycopy(text, 0, marked, 3, text.length);
        Files.write(file, marked);

        ScriptDirectory dir = ScriptDirectory.load(project.resolve("versions"));
        MigrationLoader loader = new MigrationLoader(new PostgresDialect(), project.resolve("cache"));
        List<Operation> up = loader.operations(dir.script("abcdefabcdef"), true);

        assertThat(new PostgresDialect().render(up.get(0))).containsExactly("SELECT 1");
    }

    private Script handWritten(String id, String declaration) throws IOException {
        Path versions = Files.createDirectories(project.resolve("versions"));
        Files.writeString(versions.resolve(id + "_hand.java"), declaration + """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "%s", message = "hand")
                public class Hand_%s implements Migration {
                    @Override
                    public void upgrade(Operations op) {
                        op.execute("SELECT 1");
                    }

                    @Override
                    public void downgrade(Operations op) {
                    }
                }
                """.formatted(id, id));
        return ScriptDirectory.load(versions).script(id);
    }

    /** A migration copied from another with its class and its helper class, and only its revision and SQL changed. */
    private void copied(String id, List<String> down, String value) throws IOException {
        Path versions = Files.createDirectories(project.resolve("versions"));
        Files.writeString(versions.resolve(id + "_copied.java"), """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "%s", down = {%s}, message = "copied")
                class AddPrices implements Migration {
                    public void upgrade(Operations op) {
                        op.execute(Sql.update());
                    }
                    public void downgrade(Operations op) {
                    }
                }

                final class Sql {
                    static String update() {
                        return "UPDATE prices SET value = %s";
                    }
                }
                """.formatted(id, down.isEmpty() ? "" : "\"" + down.get(0) + "\"", value));
    }

    private List<String> upgrades(MigrationLoader loader, ScriptDirectory dir, String... ids) {
        loader.prepare(Stream.of(ids).map(dir::script).toList());
        return Stream.of(ids).map(id -> new PostgresDialect().render(loader.operations(dir.script(id), true).get(0)))
                .flatMap(List::stream).toList();
    }

    @Test
    void copiedMigrationsThatDeclareTheSameClassesEachRunTheirOwn() throws IOException {
        copied("aaaaaaaaaaa1", List.of(), "1");
        copied("aaaaaaaaaaa2", List.of("aaaaaaaaaaa1"), "2");
        ScriptDirectory dir = ScriptDirectory.load(project.resolve("versions"));

        // Compiled one at a time (each upgraded as it was written), then loaded together (upgrade --sql base:head).
        Path apart = project.resolve("apart");
        upgrades(new MigrationLoader(new PostgresDialect(), apart), dir, "aaaaaaaaaaa1");
        upgrades(new MigrationLoader(new PostgresDialect(), apart), dir, "aaaaaaaaaaa2");
        assertThat(upgrades(new MigrationLoader(new PostgresDialect(), apart), dir, "aaaaaaaaaaa1", "aaaaaaaaaaa2"))
                .containsExactly("UPDATE prices SET value = 1", "UPDATE prices SET value = 2");

        // Compiled together (a fresh clone's upgrade from base).
        assertThat(upgrades(new MigrationLoader(new PostgresDialect(), project.resolve("together")), dir,
                "aaaaaaaaaaa2", "aaaaaaaaaaa1"))
                .containsExactly("UPDATE prices SET value = 2", "UPDATE prices SET value = 1");
    }

    /**
     * A file that uses a class only another file declares: compiled with it in one javac task it compiled, and then
     * failed with NoClassDefFoundError when the method that used it ran, perhaps a downgrade long after the upgrade.
     */
    @Test
    void aFileThatUsesAnotherFilesClassIsRefusedWhenTheyAreCompiledTogether() throws IOException {
        copied("aaaaaaaaaaa1", List.of(), "1");
        Files.writeString(project.resolve("versions/aaaaaaaaaaa2_borrows.java"), """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "aaaaaaaaaaa2", down = "aaaaaaaaaaa1", message = "borrows")
                class Borrows implements Migration {
                    public void upgrade(Operations op) {
                        op.execute("SELECT 1");
                    }
                    public void downgrade(Operations op) {
                        op.execute(Sql.update());
                    }
                }
                """);
        ScriptDirectory dir = ScriptDirectory.load(project.resolve("versions"));
        MigrationLoader loader = new MigrationLoader(new PostgresDialect(), project.resolve("cache"));

        assertThatThrownBy(() -> loader.prepare(List.of(dir.script("aaaaaaaaaaa1"), dir.script("aaaaaaaaaaa2"))))
                .isInstanceOf(ScriptException.class)
                .hasMessageContaining("aaaaaaaaaaa2_borrows.java uses class Sql, which aaaaaaaaaaa1_copied.java "
                        + "declares")
                .hasMessageContaining("migration_classpath");
    }

    @Test
    void aPublicClassCompilesThoughTheFileIsNamedForItsRevision() throws IOException {
        Script script = handWritten("aaaaaaaaaaa1", "");
        MigrationLoader loader = new MigrationLoader(new PostgresDialect(), project.resolve("cache"));
        assertThat(loader.operations(script, true)).hasSize(1);
    }

    @Test
    void aPackageLineIsNamedAsTheReasonTheClassIsNotFound() throws IOException {
        Script script = handWritten("aaaaaaaaaaa2", "package com.example.migrations;\n\n");
        MigrationLoader loader = new MigrationLoader(new PostgresDialect(), project.resolve("cache"));
        assertThatThrownBy(() -> loader.operations(script, true)).isInstanceOf(ScriptException.class)
                .hasMessage("aaaaaaaaaaa2_hand.java declares package com.example.migrations, but a migration's class "
                        + "is looked up in no package; remove the package line.");
    }

    @Test
    void aNewMigrationSaysHowToDeclareItCannotBeUndoneAndCompiles() throws IOException {
        Path file = ScriptWriter.write(project.resolve("versions"), new NewRevision("aaaaaaaaaaa3", "blank", List.of(),
                List.of(), List.of(), LocalDateTime.of(2026, 11, 25, 10, 0), ScriptKind.JAVA, "", ""));
        assertThat(Files.readString(file)).contains("        // undo what upgrade() does, in reverse order\n"
                + "        // (if it cannot be undone: throw new UnsupportedOperationException(\"why\");)\n    }");
        Script script = ScriptDirectory.load(project.resolve("versions")).script("aaaaaaaaaaa3");
        MigrationLoader loader = new MigrationLoader(new PostgresDialect(), project.resolve("cache"));
        assertThat(loader.canRevert(script)).isTrue();
        assertThat(loader.operations(script, false)).isEmpty();
    }

    @Test
    void aPackageLineAfterAHeaderCommentOrAnAnnotationIsNamedToo() throws IOException {
        MigrationLoader loader = new MigrationLoader(new PostgresDialect(), project.resolve("cache"));
        Script commented = handWritten("aaaaaaaaaaa4", "/* header */ package com.example;\n\n");
        assertThatThrownBy(() -> loader.operations(commented, true)).isInstanceOf(ScriptException.class)
                .hasMessage("aaaaaaaaaaa4_hand.java declares package com.example, but a migration's class "
                        + "is looked up in no package; remove the package line.");
        Script annotated = handWritten("aaaaaaaaaaa5", "@Deprecated package com.example;\n\n");
        assertThatThrownBy(() -> loader.operations(annotated, true)).isInstanceOf(ScriptException.class)
                .hasMessage("aaaaaaaaaaa5_hand.java declares package com.example, but a migration's class "
                        + "is looked up in no package; remove the package line.");
    }

    @Test
    void classNamesInOtherScriptsAndCommentsBeforeTheClassCompileAndRun() throws IOException {
        Path versions = Files.createDirectories(project.resolve("versions"));
        String source = """
                import dev.retort.Migration;
                import dev.retort.Revision;
                import dev.retort.operation.Operations;

                @Revision(id = "%s", message = "names")
                // a comment between the annotation and the class
                /* and another */
                class %s implements Migration {
                    public void upgrade(Operations op) {
                        op.execute("SELECT 1");
                    }
                    public void downgrade(Operations op) {
                    }
                }
                """;
        Files.writeString(versions.resolve("c00000000002_umlaut.java"),
                source.formatted("c00000000002", "Überführung_c00000000002"));
        Files.writeString(versions.resolve("ee419c9691b6_mixed.java"),
                source.formatted("ee419c9691b6", "Añadir日本_ee419c9691b6"));
        ScriptDirectory dir = ScriptDirectory.load(versions);
        MigrationLoader loader = new MigrationLoader(new PostgresDialect(), project.resolve("cache"));
        assertThat(loader.operations(dir.script("c00000000002"), true)).hasSize(1);
        assertThat(loader.operations(dir.script("ee419c9691b6"), true)).hasSize(1);
    }
}
