package dev.retort.render;

import dev.retort.render.Code.Atom;
import dev.retort.render.Code.Block;
import dev.retort.render.Code.Call;
import dev.retort.render.Code.Chain;
import dev.retort.render.Code.TextBlock;
import java.util.List;

/**
 * Lays out one statement: on one line when it fits, otherwise broken where a reviewer expects it.
 *
 * <p>The rules, in order:
 * <ul>
 *   <li>A line holds at most {@link #WIDTH} characters after its indentation. Indentation is not
 *       counted, so an element of a wrapped list keeps the whole width and reads as one line.</li>
 *   <li>A call that does not fit puts each argument on its own line, indented by 8; a first argument
 *       that is a plain literal (the table's name, say) stays on the opening line.</li>
 *   <li>Option calls ({@code .notNull()}, {@code .row(...)}) follow their receiver on its line when
 *       they fit, otherwise each goes on its own line, indented by 8.</li>
 *   <li>A literal is never broken, however long.</li>
 * </ul>
 * Every text block line and every continuation line is indented relative to the statement's first
 * line, so a caller may indent the whole statement by any uniform amount.
 */
final class Layout {
    /** The width of a line after its indentation; the brief for generated migrations says about 110. */
    static final int WIDTH = 110;
    private static final int CONTINUATION = 8;
    private static final int BLOCK = 4;

    private final StringBuilder out = new StringBuilder();
    private int lineStart;
    private int lineIndent;

    private Layout() {
    }

    /** The statement that evaluates {@code code}, ending in {@code ;}, starting at column 0. */
    static String statement(Code code) {
        Layout layout = new Layout();
        layout.print(code, 0, 1);
        layout.out.append(';');
        return layout.out.toString();
    }

    /** {@code code} on one line, or null when it cannot be written on one line (a text block, a lambda). */
    static String flat(Code code) {
        if (code instanceof Atom atom) {
            return atom.text();
        }
        if (code instanceof Call call) {
            StringBuilder s = new StringBuilder(call.method()).append('(');
            for (int i = 0; i < call.args().size(); i++) {
                String arg = flat(call.args().get(i));
                if (arg == null) {
                    return null;
                }
                s.append(i == 0 ? "" : ", ").append(arg);
            }
            return s.append(')').toString();
        }
        if (code instanceof Chain chain) {
            String receiver = flat(chain.receiver());
            String calls = flatCalls(chain.calls());
            return receiver == null || calls == null ? null : receiver + calls;
        }
        return null;
    }

    private static String flatCalls(List<Call> calls) {
        StringBuilder s = new StringBuilder();
        for (Call call : calls) {
            String flat = flat(call);
            if (flat == null) {
                return null;
            }
            s.append('.').append(flat);
        }
        return s.toString();
    }

    /** Writes {@code code} where the current line ends; {@code trailing} characters will follow it on its last line. */
    private void print(Code code, int indent, int trailing) {
        String flat = flat(code);
        if (flat != null && (code instanceof Atom || fits(flat.length() + trailing))) {
            out.append(flat);
        } else if (code instanceof Call call) {
            printCall(call, indent, trailing);
        } else if (code instanceof Chain chain) {
            printChain(chain, indent, trailing);
        } else if (code instanceof TextBlock block) {
            printTextBlock(block, indent);
        } else if (code instanceof Block block) {
            printBlock(block, indent);
        } else {
            throw new IllegalStateException("No layout for " + code);
        }
    }

    private void printCall(Call call, int indent, int trailing) {
        out.append(call.method()).append('(');
        List<Code> args = call.args();
        int inner = indent + CONTINUATION;
        for (int i = 0; i < args.size(); i++) {
            Code arg = args.get(i);
            boolean last = i == args.size() - 1;
            int after = last ? 1 + trailing : 1;
            if (i == 0 && (arg instanceof Atom || arg instanceof TextBlock)) {
                print(arg, indent, after);
            } else {
                newline(inner);
                print(arg, inner, after);
            }
            out.append(last ? ")" : ",");
        }
        if (args.isEmpty()) {
            out.append(')');
        }
    }

    private void printChain(Chain chain, int indent, int trailing) {
        String receiver = flat(chain.receiver());
        if (receiver != null && fits(receiver.length())) {
            out.append(receiver);
            printCallsOnLines(chain.calls(), indent + CONTINUATION, trailing);
            return;
        }
        print(chain.receiver(), indent, 0);
        String calls = flatCalls(chain.calls());
        if (calls != null && fits(calls.length() + trailing)) {
            out.append(calls);
        } else {
            printCallsOnLines(chain.calls(), indent + CONTINUATION, trailing);
        }
    }

    private void printCallsOnLines(List<Call> calls, int indent, int trailing) {
        for (int i = 0; i < calls.size(); i++) {
            newline(indent);
            out.append('.');
            print(calls.get(i), indent, i == calls.size() - 1 ? trailing : 0);
        }
    }

    private void printTextBlock(TextBlock block, int indent) {
        // The closing delimiter sits at the same indentation as the content, so javac strips exactly
        // that indentation and no more.
        int inner = indent + CONTINUATION;
        out.append("\"\"\"");
        for (String line : block.lines()) {
            newline(line.isEmpty() ? 0 : inner);
            out.append(line);
        }
        newline(inner);
        out.append("\"\"\"");
    }

    private void printBlock(Block block, int indent) {
        out.append(block.method()).append("(() -> {");
        for (Code statement : block.statements()) {
            newline(indent + BLOCK);
            print(statement, indent + BLOCK, 1);
            out.append(';');
        }
        newline(indent);
        out.append("})");
    }

    private boolean fits(int width) {
        return out.length() - lineStart - lineIndent + width <= WIDTH;
    }

    private void newline(int indent) {
        out.append('\n');
        lineStart = out.length();
        out.append(" ".repeat(indent));
        lineIndent = indent;
    }
}
