package dev.weft.weaver;

import dev.weft.Asyncio;
import dev.weft.Coroutine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * What woven test sources await: values that are either ready at once or arrive only after a real
 * suspension, so every shape is proven on both the fast path and the resume path.
 */
public final class Values {
    /** How awaited values behave during a run. */
    public enum Mode {
        /** Everything awaited is already complete: no suspension. */
        IMMEDIATE,
        /** Everything awaited suspends the coroutine once before producing its value. */
        SUSPENDING
    }

    private static volatile Mode mode = Mode.IMMEDIATE;
    private static final Executor LATER = CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS);

    private Values() {
    }

    public static void mode(Mode m) {
        mode = m;
    }

    /** A coroutine producing {@code value}, ready or after one trip through the loop. */
    public static <T> Coroutine<T> v(T value) {
        return mode == Mode.IMMEDIATE ? Coroutine.of(value) : Asyncio.sleep(0, value);
    }

    /** A coroutine failing with {@code error}, at once or after a suspension. */
    public static <T> Coroutine<T> fail(Throwable error) {
        return mode == Mode.IMMEDIATE ? Failing.now(error) : Failing.later(error);
    }

    /** A stage producing {@code value}: already complete, or completed on another thread. */
    public static <T> CompletionStage<T> stage(T value) {
        return mode == Mode.IMMEDIATE ? CompletableFuture.completedFuture(value)
                : CompletableFuture.supplyAsync(() -> value, LATER);
    }
}
