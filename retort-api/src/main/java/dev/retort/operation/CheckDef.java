package dev.retort.operation;

/** A check constraint: a boolean SQL expression every row must satisfy; {@link Operations#check(String)} makes one. */
public record CheckDef(String name, String expression) implements TableConstraint {
    public CheckDef {
        Require.optionalName(name, "the check constraint's name");
        Require.sql(expression, "the condition of " + (name == null ? "a check constraint" : "check constraint " + name));
    }

    /** This constraint, named {@code name}. */
    public CheckDef named(String name) {
        return new CheckDef(name, expression);
    }

    @Override
    public <R> R accept(ConstraintVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
