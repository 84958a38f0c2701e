package dev.retort.render;

import java.util.List;

/**
 * A Java expression as the renderer builds it, before {@link Layout} decides where its lines break.
 *
 * <p>The trees are shallow and their shape is fixed by the renderer (a statement, its arguments, their
 * option calls), never by user data, so walking them recursively is safe.
 */
sealed interface Code {
    /** Text that is never broken: a literal, a name, an enum constant. */
    record Atom(String text) implements Code {
    }

    /** A method call, {@code method(args)}; the method may be qualified: {@code op.createTable}, {@code List.of}. */
    record Call(String method, List<Code> args) implements Code {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** Calls on the value of {@code receiver}: {@code receiver.first(...).second(...)}. */
    record Chain(Code receiver, List<Call> calls) implements Code {
        public Chain {
            calls = List.copyOf(calls);
        }
    }

    /** A text block ({@code """}), its lines already escaped; see {@link JavaLiterals#textBlock(String)}. */
    record TextBlock(List<String> lines) implements Code {
        public TextBlock {
            lines = List.copyOf(lines);
        }
    }

    /** A call whose only argument is a lambda with a block of statements: {@code method(() -> { ... })}. */
    record Block(String method, List<Code> statements) implements Code {
        public Block {
            statements = List.copyOf(statements);
        }
    }

    static Atom atom(String text) {
        return new Atom(text);
    }

    static Call call(String method, List<Code> args) {
        return new Call(method, args);
    }

    static Call call(String method, Code... args) {
        return new Call(method, List.of(args));
    }

    /** {@code head} followed by {@code calls}, or {@code head} alone when there are none. */
    static Code chain(Code head, List<Call> calls) {
        return calls.isEmpty() ? head : new Chain(head, calls);
    }
}
