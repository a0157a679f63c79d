package dev.weft.weaver;

/** A method cannot be woven as written; becomes an error {@link Diagnostic} at {@link #line}. */
final class WeaveError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int line;

    WeaveError(int line, String message) {
        super(message);
        this.line = line;
    }
}
