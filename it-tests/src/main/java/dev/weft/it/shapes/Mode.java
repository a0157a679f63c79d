package dev.weft.it.shapes;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * What the shape fixtures await: values that are already complete, or values that arrive only after
 * the coroutine really suspended. Every shape runs in both modes, proving both the fast path (no
 * suspension) and the resume path (state saved into the frame and restored).
 */
public enum Mode {
    /** Everything awaited is already complete: the coroutine never suspends. */
    IMMEDIATE,
    /** Everything awaited suspends the coroutine at least once before producing its value. */
    SUSPENDING;

    private static final Executor ANOTHER_THREAD_SOON = CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS);

    /** A coroutine producing {@code value}: complete at once, or after one trip through the loop. */
    public <T> Coroutine<T> value(T value) {
        return this == IMMEDIATE ? Coroutine.of(value) : Asyncio.sleep(0, value);
    }

    /** A coroutine failing with {@code error}, without or after a suspension. */
    @Async
    public <T> Coroutine<T> failure(RuntimeException error) {
        Await.on(value(null));
        throw error;
    }

    /** A stage producing {@code value}: already complete, or completed later on another thread. */
    public <T> CompletionStage<T> stage(T value) {
        return this == IMMEDIATE ? CompletableFuture.completedFuture(value)
                : CompletableFuture.supplyAsync(() -> value, ANOTHER_THREAD_SOON);
    }
}
