/**
 * Writes operations as Java source: the statements of the migration files autogenerate writes.
 *
 * <p>{@link dev.retort.render.JavaRenderer} is the entry point. Inside, each operation becomes a small
 * tree of calls ({@code Code}), and {@code Layout} decides where its lines break, so that what to write
 * and how to lay it out stay apart.
 */
package dev.retort.render;
