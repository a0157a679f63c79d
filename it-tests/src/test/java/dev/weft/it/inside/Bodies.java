package dev.weft.it.inside;

import dev.weft.Coroutine;

/** Test bodies written as async lambdas. */
final class Bodies {
    private Bodies() {
    }

    /** An async lambda whose body may throw checked exceptions. */
    @FunctionalInterface
    interface Body {
        Coroutine<Void> run() throws Exception;
    }

    /** The coroutine of {@code body}. */
    static Coroutine<Void> coroutine(Body body) {
        try {
            return body.run();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
