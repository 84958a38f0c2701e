package dev.retort.operation;

/** The changes of {@code op.alterColumn(table, column)}: give at least one. */
public final class AlterColumnBuilder {
    private final String column;
    private QualifiedName table;
    private TypeChange type;
    private Boolean nullable;
    private DefaultChange defaultValue;
    private CommentChange comment;
    private String newName;

    AlterColumnBuilder(QualifiedName table, String column) {
        this.table = table;
        this.column = column;
    }

    /** Alters the column of the table in {@code schema}. */
    public AlterColumnBuilder schema(String schema) {
        table = table.inSchema(schema);
        return this;
    }

    /** Changes the type, letting PostgreSQL convert existing values by its assignment casts. */
    public AlterColumnBuilder type(String type) {
        return type(type, null);
    }

    /** Changes the type, computing each new value with the SQL expression {@code using}, such as {@code price::numeric}. */
    public AlterColumnBuilder type(String type, String using) {
        this.type = new TypeChange(type, using);
        return this;
    }

    /** Drops ({@code true}) or sets ({@code false}) {@code NOT NULL}. */
    public AlterColumnBuilder nullable(boolean nullable) {
        this.nullable = nullable;
        return this;
    }

    /** Sets the default to an SQL expression such as {@code now()} or {@code 'new'}. */
    public AlterColumnBuilder setDefault(String expression) {
        defaultValue = DefaultChange.set(expression);
        return this;
    }

    /** Drops the default. */
    public AlterColumnBuilder dropDefault() {
        defaultValue = DefaultChange.drop();
        return this;
    }

    /** Sets the comment, or removes it when {@code comment} is null. */
    public AlterColumnBuilder comment(String comment) {
        this.comment = new CommentChange(comment);
        return this;
    }

    /** Renames the column, after the other changes. */
    public AlterColumnBuilder rename(String newName) {
        this.newName = newName;
        return this;
    }

    AlterColumn build() {
        return new AlterColumn(table, column, type, nullable, defaultValue, comment, newName);
    }
}
