package dev.weft.it.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.Task;
import dev.weft.it.Fixtures;
import dev.weft.it.Fixtures.Boom;
import org.junit.jupiter.api.Test;

/** A task's exception that nobody retrieved is reported to its loop, as CPython's test_futures.py checks it. */
// Without WeftExtension: it fails a test for such an exception, and holds back the report of a collected task until the loop closes.
class UnretrievedExceptionTest {

    /** Mirrors test_futures.py::test_tb_logger_exception_unretrieved: a collected task's unseen failure is reported. */
    @Test
    @Async
    void unretrievedExceptionReportedWhenCollected() {
        Fixtures.HandlerLog handler = new Fixtures.HandlerLog();
        handler.install(Asyncio.getRunningLoop());
        Asyncio.createTask(Fixtures.failAfter(0, new Boom("never seen")));
        Await.on(Asyncio.sleep(0.01));
        for (int i = 0; i < 200 && handler.contexts.isEmpty(); i++) {
            System.gc();
            Await.on(Asyncio.sleep(0.01));
        }
        assertEquals(1, handler.contexts.size());
        assertTrue(handler.contexts.get(0).message().contains("never retrieved"), handler.contexts.get(0).message());
        assertEquals("never seen", handler.contexts.get(0).exception().getMessage());
    }

    /** Mirrors test_futures.py::test_future_exception_never_retrieved: an unseen failure is reported when the loop closes. */
    @Test
    void unretrievedExceptionReportedWhenLoopCloses() {
        Fixtures.HandlerLog handler = new Fixtures.HandlerLog();
        Task<Object> kept = Asyncio.run(keepAFailedTaskUnseen(handler));
        assertEquals(1, handler.contexts.size());
        assertEquals("kept but unseen", handler.contexts.get(0).exception().getMessage());
        assertTrue(kept.isDone());
    }

    /** Returns a task that failed, never asking for its exception. */
    @Async
    static Coroutine<Task<Object>> keepAFailedTaskUnseen(Fixtures.HandlerLog handler) {
        handler.install(Asyncio.getRunningLoop());
        Task<Object> kept = Asyncio.createTask(Fixtures.failAfter(0, new Boom("kept but unseen")));
        Await.on(Asyncio.sleep(0.01));
        return Coroutine.of(kept);
    }
}
