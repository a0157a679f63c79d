package dev.weft;

/**
 * Thrown into an async generator at its {@code Await.yield} when it is closed early: Python's
 * {@code GeneratorExit}. Its {@code finally} blocks run; it should not catch this.
 *
 * <p>Like Python's, it is not an {@link Exception}, so {@code catch (Exception e)} in a generator
 * body does not swallow it.
 */
public final class GeneratorExit extends Error {
    private static final long serialVersionUID = 1L;

    GeneratorExit() {
        super("async generator closed", null, false, false);
    }
}
