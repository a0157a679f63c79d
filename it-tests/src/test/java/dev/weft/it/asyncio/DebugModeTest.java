package dev.weft.it.asyncio;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.it.Fixtures;
import org.junit.jupiter.api.Test;

/** What debug mode reports, as CPython's test_coroutines/test_tasks debug-mode checks do. */
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

    private static boolean reported(EventLoopTest.LogCapture log) {
        return log.messages().stream().anyMatch(m -> m.contains("was never awaited"));
    }
}
