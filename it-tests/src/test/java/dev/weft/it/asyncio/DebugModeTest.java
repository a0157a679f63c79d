package dev.weft.it.asyncio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.it.Fixtures;
import org.junit.jupiter.api.Test;

/** What debug mode reports, as CPython's test_coroutines, test_tasks and test_base_events debug-mode checks do. */
// Without WeftExtension: each test provokes on purpose a report that the extension would fail it for.
class DebugModeTest {

    @Async
    static Coroutine<Void> createsAndForgets() {
        Fixtures.after(0, "never awaited");
        Await.on(Asyncio.sleep(0));
        return Coroutine.done();
    }

    /** Mirrors test_tasks.py::test_env_var_debug / test_pep492.py::test_debug_mode_... : a coroutine never awaited is reported. */
    @Test
    void neverAwaitedCoroutineIsReported() throws InterruptedException {
        try (EventLoopTest.LogCapture log = new EventLoopTest.LogCapture()) {
            Asyncio.run(createsAndForgets(), true);
            for (int i = 0; i < 200 && !reported(log); i++) {
                System.gc();
                Thread.sleep(10);
            }
            assertTrue(reported(log), log.messages().toString());
        }
    }

    /** Mirrors test_base_events.py::test_log_slow_callbacks: debug mode reports a step holding the loop too long. */
    @Test
    @Async
    void logSlowCallbacks() throws InterruptedException {
        try (EventLoopTest.LogCapture log = new EventLoopTest.LogCapture()) {
            EventLoop loop = Asyncio.getRunningLoop();
            loop.setDebug(true);
            loop.setSlowCallbackDuration(0.05);
            Await.on(Asyncio.sleep(0));
            Thread.sleep(80); // blocks the loop
            Await.on(Asyncio.sleep(0));
            assertTrue(log.messages().stream().anyMatch(m -> m.startsWith("Executing Task[") && m.contains("took")),
                    log.messages().toString());
        }
    }

    private static boolean reported(EventLoopTest.LogCapture log) {
        return log.messages().stream().anyMatch(m -> m.contains("was never awaited"));
    }
}
