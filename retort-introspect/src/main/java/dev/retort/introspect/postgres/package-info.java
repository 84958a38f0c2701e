/**
 * Reads a live PostgreSQL catalog into Retort's schema model.
 *
 * <p>{@link dev.retort.introspect.postgres.PostgresIntrospector} is the entry point. Each {@code *Query} class
 * runs one catalog query for every table in scope at once; the introspector puts the rows together.
 */
package dev.retort.introspect.postgres;
