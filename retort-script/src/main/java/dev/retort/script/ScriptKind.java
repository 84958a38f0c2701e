package dev.retort.script;

/** The two kinds of migration file. */
public enum ScriptKind {
    SQL(".sql"),
    JAVA(".java");

    private final String extension;

    ScriptKind(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }
}
