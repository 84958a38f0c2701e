package dev.retort.autogenerate;

import dev.retort.autogenerate.diff.SchemaDiff;
import dev.retort.schema.DatabaseSchema;

/**
 * The outcome of comparing a model with a database.
 *
 * @param model the model's DDL and rename hints
 * @param current the target database's schema
 * @param desired the model's schema, normalised through the dev database
 * @param diff the operations from {@code current} to {@code desired}, and back
 */
public record Comparison(ModelDdl model, DatabaseSchema current, DatabaseSchema desired, SchemaDiff diff) {
}
