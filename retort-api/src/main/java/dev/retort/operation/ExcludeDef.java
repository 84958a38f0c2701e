package dev.retort.operation;

/**
 * An exclusion constraint: no two rows may match under all of its operators; {@link Operations#exclude(String)}
 * makes one.
 *
 * <p>The definition is kept as SQL, the way PostgreSQL prints it after {@code EXCLUDE} ({@code pg_get_constraintdef}
 * without its deferral), such as {@code USING gist (room WITH =, during WITH &&)}: its method, elements and
 * operators, and any {@code INCLUDE}, {@code WITH} storage parameters and {@code WHERE} predicate. Two databases
 * print the same constraint the same way, so autogenerate compares the text.
 *
 * @param definition what follows {@code EXCLUDE}, without the deferral
 */
public record ExcludeDef(String name, String definition, Deferral deferral) implements TableConstraint {
    public ExcludeDef {
        Require.optionalName(name, "the exclusion constraint's name");
        Require.sql(definition, "the definition of "
                + (name == null ? "an exclusion constraint" : "exclusion constraint " + name));
        deferral = deferral == null ? Deferral.NOT_DEFERRABLE : deferral;
    }

    /** This constraint, named {@code name}. */
    public ExcludeDef named(String name) {
        return new ExcludeDef(name, definition, deferral);
    }

    /** This constraint, {@code DEFERRABLE} (checked per statement unless a transaction defers it). */
    public ExcludeDef deferrable() {
        return new ExcludeDef(name, definition, Deferral.INITIALLY_IMMEDIATE);
    }

    /** This constraint, {@code DEFERRABLE INITIALLY DEFERRED} (checked at commit). */
    public ExcludeDef initiallyDeferred() {
        return new ExcludeDef(name, definition, Deferral.INITIALLY_DEFERRED);
    }

    @Override
    public <R> R accept(ConstraintVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
