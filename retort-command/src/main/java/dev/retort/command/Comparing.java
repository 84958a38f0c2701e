package dev.retort.command;

import dev.retort.RetortException;
import dev.retort.TerminalText;
import dev.retort.autogenerate.Autogenerator;
import dev.retort.autogenerate.Comparison;
import dev.retort.autogenerate.ExplicitRenames;
import dev.retort.autogenerate.JpaEntities;
import dev.retort.autogenerate.JpaNaming;
import dev.retort.autogenerate.MigrationComposer;
import dev.retort.autogenerate.ModelSource;
import dev.retort.autogenerate.RenameAnswers;
import dev.retort.autogenerate.SafeForms;
import dev.retort.autogenerate.SchemaFileSource;
import dev.retort.autogenerate.ScratchDatabase;
import dev.retort.autogenerate.UncreatedObjects;
import dev.retort.autogenerate.UncreatedViews;
import dev.retort.autogenerate.UnmatchedRenamedFrom;
import dev.retort.autogenerate.diff.Change;
import dev.retort.config.RetortConfig.Models;
import dev.retort.operation.Autocommit;
import dev.retort.operation.Operation;
import dev.retort.revision.RevisionMap;
import dev.retort.runtime.HistoryTable;
import dev.retort.runtime.Runner;
import dev.retort.dialect.SecretsInSql;
import dev.retort.dialect.SqlStatement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@link Retort#compare}: the models of [models] against the database, and the SQL of the result. */
final class Comparing {
    private final Retort retort;

    Comparing(Retort retort) {
        this.retort = retort;
    }

    /**
     * Compares the models of {@code [models]} with the retort.database(), which must be at head (as Alembic insists:
     * a diff against an older schema would repeat migrations that exist).
     */
    Comparison compare(AutogenerateRequest request) {
        ModelSource source = modelSource();
        RevisionMap map = retort.optionalScripts().map();
        Runner runner = retort.runner();
        Set<String> heads = runner.currentHeads(retort.database());
        map.checkKnown(heads);
        if (map.heads().size() > 1) {
            throw new RetortException("The migrations have " + map.heads().size() + " heads (" + Retort.ids(map.heads())
                    + "): merge them with `retort merge -m MESSAGE heads` and `retort upgrade head`, then compare again.");
        }
        if (!map.upgradePlan(heads, "heads").steps().isEmpty()) {
            // Another tool made the database: `upgrade head` would refuse to run the revisions over its schema.
            runner.otherToolAtBase().ifPresent(failure -> {
                throw new RetortException(failure);
            });
            String at = heads.isEmpty() ? "base (nothing applied)" : String.join(", ", heads);
            String madeBefore = heads.isEmpty() ? " (a database whose schema was made before Retort managed it: record "
                    + "the revisions that made it with `retort stamp REV` instead)" : "";
            throw new RetortException("The database is not up to date: it is at " + at + " but the migrations go further; "
                    + "run `retort upgrade head` first" + madeBefore + ", then compare again.");
        }
        ScratchDatabase scratch = new ScratchDatabase(retort.dialect());
        ExplicitRenames explicit = new ExplicitRenames(request.renames());
        List<String> devWarnings = new ArrayList<>();
        try (Connection target = retort.database().open()) {
            Comparison comparison = new Autogenerator().compare(source,
                    model -> DevDatabase.desired(retort.config(), scratch, model, target, devWarnings::add), target,
                    scope(), model -> new RenameAnswers(model, explicit, request.prompter()));
            requireApplied(explicit, comparison);
            for (String warning : UnmatchedRenamedFrom.warnings(comparison.model(), comparison.current(),
                    comparison.desired(), comparison.diff().upgradeOperations())) {
                comparison = new Comparison(comparison.model().withWarning(warning), comparison.current(),
                        comparison.desired(), comparison.diff());
            }
            Comparison withoutExpressions = comparison;
            comparison = withExpressionsWarning(comparison, target);
            // That warning says what the version's is, and more: the other would repeat it.
            if (comparison == withoutExpressions) {
                for (String warning : devWarnings) {
                    comparison = new Comparison(comparison.model().withWarning(warning), comparison.current(),
                            comparison.desired(), comparison.diff());
                }
            }
            List<SqlStatement> statements = retort.dialect().split(comparison.model().ddl());
            List<String> excluded = retort.config().models().excludeTables();
            for (String warning : UncreatedViews.warnings(comparison.model(), statements, target, excluded)) {
                // The view's definition is quoted, and may hold a connection string's password (dblink's).
                comparison = new Comparison(comparison.model().withWarning(SecretsInSql.masked(warning)),
                        comparison.current(), comparison.desired(), comparison.diff());
            }
            for (String warning : UncreatedObjects.warnings(comparison.model(), statements, target, excluded)) {
                comparison = new Comparison(comparison.model().withWarning(warning), comparison.current(),
                        comparison.desired(), comparison.diff());
            }
            if (!retort.config().safeAutogenerate() || !request.forMigration()) {
                return comparison;
            }
            return new Comparison(comparison.model(), comparison.current(), comparison.desired(),
                    new SafeForms().apply(comparison.diff()));
        } catch (SQLException e) {
            throw new RetortException("Lost the connection while comparing: " + e.getMessage(), e);
        }
    }

    /**
     * Warns, when there are differences, that a target older than PostgreSQL 14 prints some expressions otherwise
     * than the embedded dev database (a later version) reads them back: a default of {@code now() AT TIME ZONE 'utc'}
     * then differs on every run, and no migration settles it. A {@code dev_url} of the target's own version does not.
     */
    private Comparison withExpressionsWarning(Comparison comparison, Connection target) throws SQLException {
        int major = target.getMetaData().getDatabaseMajorVersion();
        if (comparison.diff().isEmpty() || major >= 14 || retort.config().models().devUrl().isPresent()) {
            return comparison;
        }
        String warning = "the database runs PostgreSQL " + target.getMetaData().getDatabaseProductVersion()
                + " and the dev database, where the models are read back, the embedded PostgreSQL; before 14, "
                + "PostgreSQL prints some expressions otherwise (AT TIME ZONE, EXTRACT, SUBSTRING, TRIM, POSITION, "
                + "OVERLAY), so a default, check or index using one shows as a change that no migration settles. Set "
                + "dev_url in [models] to an empty database on a PostgreSQL " + major + " server (\"PostgreSQL "
                + "versions\" in docs/configuration.md).";
        return new Comparison(comparison.model().withWarning(warning), comparison.current(), comparison.desired(),
                comparison.diff());
    }

    /**
     * Refuses a {@code --rename} that the diff did not apply: mistyped, it would leave the drop and the add it was
     * meant to replace, and the migration would lose the column's or table's data without a word.
     */
    private static void requireApplied(ExplicitRenames explicit, Comparison comparison) {
        List<String> unmatched = explicit.unmatched(comparison.current(), comparison.desired());
        if (!unmatched.isEmpty()) {
            throw new UsageException(String.join(" ", unmatched) + " Correct or remove "
                    + (unmatched.size() == 1 ? "it" : "them") + " (`retort check` lists what the models drop and add); "
                    + "nothing was written.");
        }
    }

    /**
     * The upgrade SQL of a comparison, as {@code revision --autogenerate --sql} previews it. What a comment quotes of
     * the database or the models is written out ({@link TerminalText#quoted}): a line break in a table's name would
     * end the comment and make the rest of the name a statement.
     */
    String sql(List<Change> changes) {
        StringBuilder out = new StringBuilder();
        for (Change change : changes) {
            if (change.warning() != null) {
                out.append("-- WARNING: ").append(TerminalText.quoted(change.warning())).append('\n');
            }
            if (change.losesData()) {
                out.append("-- DATA LOSS: ").append(TerminalText.quoted(change.description())).append('\n');
            }
            if (change.widens() != null) {
                out.append("-- ").append(TerminalText.quoted(MigrationComposer.allowWidening(change))).append('\n');
            }
            Operation operation = change.operation();
            boolean outside = operation instanceof Autocommit || operation.requiresAutocommit();
            if (outside) {
                out.append("-- +autocommit\n");
            }
            for (String statement : retort.dialect().render(operation)) {
                out.append(statement.strip()).append(";\n");
            }
            if (outside) {
                out.append("-- +end-autocommit\n");
            }
        }
        return out.toString();
    }

    /**
     * What a comparison with the models reads of a database: the schemas of {@code [models]} (or those the models
     * name), without Retort's own tables and those {@code exclude_tables} names, nor the sequences and enum types
     * {@code exclude_sequences} and {@code exclude_types} name.
     */
    Autogenerator.Scope scope() {
        Models models = retort.config().models();
        return new Autogenerator.Scope(List.of(retort.config().versionTable(), HistoryTable.NAME),
                retort.config().versionTableSchema(), models.schemas(), models.excludeTables(),
                models.excludeSequences(), models.excludeTypes());
    }

    ModelSource modelSource() {
        Models models = retort.config().models();
        boolean jpa = !models.sources().isEmpty() || !models.classpath().isEmpty();
        if (models.schemaFile().isPresent() && jpa) {
            throw new UsageException("[models] in retort.toml sets both schema_file and sources/classpath; keep one of them.");
        }
        if (models.schemaFile().isPresent()) {
            return new SchemaFileSource(models.schemaFile().get());
        }
        if (jpa) {
            JpaNaming naming = new JpaNaming(models.naming(), models.physicalNamingStrategy(),
                    models.implicitNamingStrategy(), models.namingGiven());
            return JpaEntities.find().source(models.sources(), models.classpath(), models.packages(), naming,
                    models.persistenceUnit(), models.mappingFiles(), models.hibernateProperties(),
                    retort.config().stateDir().resolve("cache").resolve("entities"));
        }
        if (retort.config().configFile().isEmpty()) {
            throw new UsageException("Autogenerate compares the database with your models, which retort.toml names, "
                    + "and there is no retort.toml in " + retort.config().projectDir() + ": run `retort init .` to "
                    + "create a project, or name the file with -c.");
        }
        throw new UsageException("Autogenerate compares the database with your models, but retort.toml names none: set "
                + "sources = [\"src/main/java\"] (JPA entities) or schema_file = \"schema.sql\" in its [models] section.");
    }

}
