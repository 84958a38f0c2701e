package dev.retort.lint;

/** How much a rule's findings matter: an error fails {@code retort lint}, a warning is reported, off drops the rule. */
public enum Severity {
    ERROR,
    WARNING,
    OFF
}
