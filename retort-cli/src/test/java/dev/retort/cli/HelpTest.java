package dev.retort.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command explains itself with --help, without a database or a project. */
class HelpTest {
    @TempDir
    Path dir;

    @org.junit.jupiter.api.Test
    void eachVerbIsRegisteredUnderItsOwnCommandName() {
        RetortCommand root = new RetortCommand(new Session(System.out, System.err, java.io.InputStream.nullInputStream(),
                false, java.util.Map.of(), dir));
        for (String name : RetortCommand.VERBS) {
            if (!name.equals("help")) {
                assertThat(RetortCommand.verb(name, root).spec.name()).isEqualTo(name);
            }
        }
        assertThat(RetortCommand.verb("upgrad", root)).isNull();
        assertThat(RetortCommand.VERBS).containsAll(RetortCommand.CONNECTING);
    }

    @org.junit.jupiter.api.Test
    void theUsageListsEveryVerbAndAVerbAfterRootOptionsRuns() {
        Cli cli = new Cli(dir, "jdbc:postgresql://127.0.0.1:1/none");
        Cli.Result usage = cli.run("--help");
        RetortCommand.VERBS.forEach(verb -> assertThat(usage.out()).contains("  " + verb + " "));
        Cli.Result heads = cli.run("-c", "retort.toml", "-x", "tenant=a", "heads");
        assertThat(heads.exitCode()).as(heads.toString()).isZero();
        Cli.Result unknown = cli.run("-c", "retort.toml", "upgrad");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("'upgrad'");
    }

    @org.junit.jupiter.api.Test
    void aMistypedCommandIsNamedWithTheOneItWasProbablyMeantToBe() {
        Cli cli = new Cli(dir, "jdbc:postgresql://127.0.0.1:1/none");
        Cli.Result typo = cli.run("updgrade", "head");
        assertThat(typo.exitCode()).as(typo.toString()).isEqualTo(2);
        assertThat(typo.err()).isEqualTo("retort: unknown command 'updgrade'; did you mean 'upgrade'?\n");
        assertThat(cli.run("-c", "retort.toml", "dwongrade", "-1").err())
                .isEqualTo("retort: unknown command 'dwongrade'; did you mean 'downgrade'?\n");
        assertThat(cli.run("deploy").err())
                .isEqualTo("retort: unknown command 'deploy'; run `retort --help` to see the commands.\n");
        assertThat(cli.run("backups", "prnue").err())
                .isEqualTo("retort: unknown command 'prnue' of `retort backups`; did you mean 'prune'?\n");
        // A URL given where the command goes is quoted without its password.
        Cli.Result url = cli.run("postgresql://app:StrongPassw0rd@db/shop", "current");
        assertThat(url.err()).isEqualTo("retort: unknown command 'postgresql://app:***@db/shop'; run `retort --help` "
                + "to see the commands.\n");
    }

    /** Flyway's and Liquibase's verbs, typed out of habit, were told only to read the help. */
    @org.junit.jupiter.api.Test
    void anotherToolsCommandIsToldWhatRetortDoesInstead() {
        Cli cli = new Cli(dir, "jdbc:postgresql://127.0.0.1:1/none");
        Cli.Result migrate = cli.run("migrate");
        assertThat(migrate.exitCode()).as(migrate.toString()).isEqualTo(2);
        assertThat(migrate.err()).isEqualTo("retort: unknown command 'migrate'; Flyway's migrate is `retort upgrade "
                + "head` (docs/coming-from.md maps the rest).\n");
        // Every command of the page's Liquibase table gets its answer too.
        for (String command : List.of("update-count", "rollback-count", "rollback-sql", "future-rollback-sql",
                "changelog-sync-sql", "generate-changelog", "release-locks", "tag", "clear-checksums")) {
            assertThat(cli.run(command).err()).startsWith("retort: unknown command '" + command + "'; Liquibase's "
                    + command + " ");
        }
        assertThat(cli.run("baseline").err()).contains("`retort stamp REV`");
        assertThat(cli.run("update").err()).contains("Liquibase's update is `retort upgrade head`");
        // Only at the top: a subcommand's unknown word is still a near miss of its own commands.
        assertThat(cli.run("backups", "clean").err()).doesNotContain("Retort has no clean");
    }

    @org.junit.jupiter.api.Test
    void anOptionOfRetortItselfAfterTheCommandIsToldWhereItGoes() {
        Cli cli = new Cli(dir, "jdbc:postgresql://127.0.0.1:1/none");
        Cli.Result url = cli.run("current", "--url", "postgresql://app:StrongPassw0rd@db/shop");
        assertThat(url.exitCode()).as(url.toString()).isEqualTo(2);
        assertThat(url.err()).isEqualTo("retort: --url is an option of retort itself: put it before the command, as "
                + "`retort --url ... current`.\n");
        assertThat(cli.run("current", "--debug").err()).isEqualTo("retort: --debug is an option of retort itself: put "
                + "it before the command, as `retort --debug current`.\n");
        assertThat(cli.run("embedded", "stop", "-c", "retort.toml").err()).isEqualTo("retort: -c is an option of "
                + "retort itself: put it before the command, as `retort -c ... embedded stop`.\n");
        // An option no command has is still picocli's report.
        assertThat(cli.run("current", "--bogus").err()).startsWith("retort: Unknown option: '--bogus'");
    }

    @org.junit.jupiter.api.Test
    void aMistypedOptionIsNamedWithTheOneItWasProbablyMeantToBe() {
        Cli cli = new Cli(dir, "jdbc:postgresql://127.0.0.1:1/none");
        Cli.Result sql = cli.run("upgrade", "head", "--sqll");
        assertThat(sql.exitCode()).as(sql.toString()).isEqualTo(2);
        assertThat(sql.err()).isEqualTo("retort: unknown option '--sqll' of `retort upgrade`; did you mean '--sql'?\n");
        assertThat(cli.run("backups", "prune", "--older-tahn=7d").err()).isEqualTo("retort: unknown option "
                + "'--older-tahn' of `retort backups prune`; did you mean '--older-than'?\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"init", "revision", "upgrade", "downgrade", "current", "history", "heads", "branches",
        "show", "edit", "stamp", "merge", "check", "completion", "validate", "test", "lint", "backups", "embedded"})
    void eachCommandHasHelpWithAnExample(String command) {
        Cli.Result r = new Cli(dir, "jdbc:postgresql://127.0.0.1:1/none").run(command, "--help");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Usage: retort " + command).contains("Example")
                .containsPattern("\n  retort (-\\S+ )*" + command + " ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "stop"})
    void eachSubcommandOfEmbeddedHasHelpWithAnExample(String command) {
        Cli.Result r = new Cli(dir, "jdbc:postgresql://127.0.0.1:1/none").run("embedded", command, "--help");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("Usage: retort embedded " + command + " ")
                .contains("Example:\n  retort embedded " + command + "\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"drop", "prune"})
    void eachSubcommandOfBackupsHasHelpWithAnExample(String command) {
        Cli.Result r = new Cli(dir, "jdbc:postgresql://127.0.0.1:1/none").run("backups", command, "--help");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("Usage: retort backups " + command + " ")
                .contains("Example:\n  retort backups " + command + " ");
    }

    @org.junit.jupiter.api.Test
    void helpOfASubcommandAndWhatTheHelpsSayAgreeWithWhatWorks() {
        Cli cli = new Cli(dir, "jdbc:postgresql://127.0.0.1:1/none");
        for (String[] words : new String[][] {{"embedded", "status"}, {"backups", "prune"}}) {
            Cli.Result help = cli.run("help", words[0], words[1]);
            assertThat(help.exitCode()).as(help.toString()).isZero();
            assertThat(help.out()).isEqualTo(cli.run(words[0], words[1], "--help").out())
                    .startsWith("Usage: retort " + words[0] + " " + words[1] + " ");
        }
        assertThat(cli.run("-c", "retort.toml", "help", "embedded", "stop").out())
                .startsWith("Usage: retort embedded stop ");
        assertThat(cli.run("completion", "--help").out()).contains("Usage: retort completion [-hV] [SHELL]");
        assertThat(cli.run("downgrade", "--help").out().replaceAll("\\s+", " ")).contains("LABEL@base");
        assertThat(cli.run("--help").out().replaceAll("\\s+", " "))
                .contains("${VAR} in retort.toml expands from -x VAR=... first");
    }

    @org.junit.jupiter.api.Test
    void anOptionACommandCannotRunWithoutShowsWithoutBrackets() {
        Cli cli = new Cli(dir, "jdbc:postgresql://127.0.0.1:1/none");
        assertThat(cli.run("backups", "prune", "--help").out())
                .startsWith("Usage: retort backups prune [-hV] --older-than=DURATION [--revision=REV]\n");
        Cli.Result missing = cli.run("backups", "prune", "--revision", "head");
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("retort: Missing required option: '--older-than=DURATION'\n"
                + "Run 'retort backups prune --help' for usage.\n");
    }

    @org.junit.jupiter.api.Test
    void noCommandAndEmbeddedWithoutItsSubcommandAreUsageErrors() {
        Cli cli = new Cli(dir, "jdbc:postgresql://127.0.0.1:1/none");
        Cli.Result nothing = cli.run();
        assertThat(nothing.exitCode()).as(nothing.toString()).isEqualTo(2);
        assertThat(nothing.err()).isEqualTo("retort: `retort` needs a command, such as `retort upgrade head`; see "
                + "`retort --help` for them all.\n");
        assertThat(nothing.out()).isEmpty();
        Cli.Result alone = cli.run("embedded");
        assertThat(alone.exitCode()).as(alone.toString()).isEqualTo(2);
        assertThat(alone.err()).isEqualTo("retort: `retort embedded` needs a command, status or stop; see "
                + "`retort embedded --help`.\n");
        Cli.Result unknown = cli.run("embedded", "start");
        assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
        assertThat(unknown.err()).contains("'start'").contains("retort embedded --help");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "current --version", "upgrade -V", "embedded stop -V"})
    void everyCommandPrintsTheVersion(String args) {
        Cli.Result r = new Cli(dir, "jdbc:postgresql://127.0.0.1:1/none").run(args.split(" "));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("retort ");
    }
}
