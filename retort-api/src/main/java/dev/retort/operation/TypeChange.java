package dev.retort.operation;

/**
 * A column's new type, and optionally how to convert existing values ({@code USING}).
 *
 * @param type the new type, SQL text such as {@code bigint} or {@code varchar(40)}
 * @param using an SQL expression computing the new value from the old, such as {@code amount::numeric}, or null
 */
public record TypeChange(String type, String using) {
    public TypeChange {
        Require.sql(type, "the new type of a column");
        Require.optionalSql(using, "the USING expression of a type change");
    }
}
