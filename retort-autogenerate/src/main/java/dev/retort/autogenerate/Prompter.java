package dev.retort.autogenerate;

/** Asks the person at the terminal a yes/no question. */
public interface Prompter {
    /** Nobody to ask: every question is answered no. */
    Prompter NOBODY = question -> false;

    boolean confirm(String question);
}
