package dev.retort.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Resolves parameters annotated {@link FreshDatabase} to the JDBC URL of a new database. */
public final class FreshDatabaseExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.isAnnotated(FreshDatabase.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        Class<?> type = parameter.getParameter().getType();
        if (type != String.class) {
            throw new ParameterResolutionException("@FreshDatabase gives a JDBC URL, so the parameter "
                    + parameter.getParameter().getName() + " must be a String, not " + type.getSimpleName() + ".");
        }
        return TestPostgres.freshDatabase();
    }
}
