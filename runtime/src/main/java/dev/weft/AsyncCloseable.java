package dev.weft;

/**
 * A resource closed asynchronously: the Java form of Python's {@code async with}.
 *
 * <p>Inside an {@link Async} method, try-with-resources on an {@code AsyncCloseable} awaits its
 * {@link #aclose()} instead of calling {@link #close()}.
 *
 * <pre>{@code
 * try (var tg = new TaskGroup()) {      // async with asyncio.TaskGroup() as tg:
 *     tg.createTask(work());
 * }                                     // awaits tg.aclose()
 * }</pre>
 */
public interface AsyncCloseable extends AutoCloseable {
    /** Python's {@code __aexit__}: the asynchronous close. */
    Coroutine<Void> aclose();

    /**
     * Called only where the close was not woven into an await (outside {@code @Async} code).
     *
     * @throws IllegalStateException always, unless the implementation can close synchronously
     */
    @Override
    default void close() {
        throw new IllegalStateException(getClass().getSimpleName() + " must be closed with Await.on(aclose()):"
                + " use it in try-with-resources inside an @Async method woven by weft-maven-plugin");
    }
}
