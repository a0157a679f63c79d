package dev.weft.it.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.CancelledError;
import dev.weft.Coroutine;
import dev.weft.it.Fixtures;
import dev.weft.test.WeftExtension;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Awaiting a {@link CompletionStage} that is already complete returns (or throws) at once, as
 * awaiting a done future does: no other ready task runs in between.
 */
@ExtendWith(WeftExtension.class)
class CompletedStageTest {

    @Async
    static Coroutine<Void> record(List<Object> log, String entry) {
        log.add(entry);
        return Coroutine.done();
    }

    /**
     * Makes another task ready, then awaits {@code stage}: logs the stage's value or exception and
     * the other task's entry, in the order they happened.
     */
    @Async
    static Coroutine<List<Object>> awaitWithAnotherTaskReady(CompletionStage<?> stage) {
        List<Object> log = new ArrayList<>();
        Asyncio.createTask(record(log, "other task"));
        try {
            log.add(Await.on(stage));
        } catch (RuntimeException thrown) {
            log.add(thrown);
        }
        Await.on(Asyncio.sleep(0));
        return Coroutine.of(log);
    }

    @Test
    @Async
    void completedFutureReturnsBeforeOtherReadyTasksRun() {
        assertEquals(List.of(1, "other task"),
                Await.on(awaitWithAnotherTaskReady(CompletableFuture.completedFuture(1))));
    }

    @Test
    @Async
    void failedFutureThrowsItsOwnExceptionAtOnce() {
        Fixtures.Boom boom = new Fixtures.Boom("already failed");
        List<Object> log = Await.on(awaitWithAnotherTaskReady(CompletableFuture.failedFuture(boom)));
        assertSame(boom, log.get(0), "unwrapped from CompletionException");
        assertEquals("other task", log.get(1));
    }

    @Test
    @Async
    void cancelledFutureThrowsCancelledErrorAtOnce() {
        CompletableFuture<Integer> cancelled = new CompletableFuture<>();
        cancelled.cancel(false);
        List<Object> log = Await.on(awaitWithAnotherTaskReady(cancelled));
        assertInstanceOf(CancelledError.class, log.get(0));
        assertEquals("other task", log.get(1));
    }

    @Test
    @Async
    void completedMinimalStageReturnsAtOnce() {
        assertEquals(List.of("minimal", "other task"),
                Await.on(awaitWithAnotherTaskReady(CompletableFuture.completedStage("minimal"))));
    }

    /** A stage that cannot be seen as a CompletableFuture is awaited through its callbacks, as before. */
    @Test
    @Async
    void stageWithoutToCompletableFutureIsStillAwaited() {
        assertEquals(7, Await.on(opaque(CompletableFuture.completedFuture(7))));
    }

    /** {@code stage} behind a proxy whose {@code toCompletableFuture()} is unsupported, as the interface allows. */
    @SuppressWarnings("unchecked")
    private static <T> CompletionStage<T> opaque(CompletableFuture<T> stage) {
        return (CompletionStage<T>) Proxy.newProxyInstance(CompletedStageTest.class.getClassLoader(),
                new Class<?>[] {CompletionStage.class}, (proxy, method, args) -> {
                    if (method.getName().equals("toCompletableFuture")) {
                        throw new UnsupportedOperationException("opaque stage");
                    }
                    return method.invoke(stage, args);
                });
    }
}
