package dev.retort.operation;

/** A change to a column's comment: the new text, or null to remove the comment. */
public record CommentChange(String comment) {
    /** Sets the comment to {@code text}. */
    public static CommentChange set(String text) {
        return new CommentChange(text);
    }

    /** Removes the comment. */
    public static CommentChange remove() {
        return new CommentChange(null);
    }
}
