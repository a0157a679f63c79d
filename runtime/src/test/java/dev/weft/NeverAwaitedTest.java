package dev.weft;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Debug mode's watch for coroutines never awaited. */
class NeverAwaitedTest {

    private static final class Idle extends Coroutine<Void> {
        @Override
        protected Object $step() {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static NeverAwaited watcherOf(Coroutine<?> coroutine) throws ReflectiveOperationException {
        Field watched = NeverAwaited.class.getDeclaredField("WATCHED");
        watched.setAccessible(true);
        return ((Map<Coroutine<?>, NeverAwaited>) watched.get(null)).get(coroutine);
    }

    /** A started coroutine's watcher, and the creation stack it holds, can go while the coroutine lives on. */
    @Test
    void aStartedCoroutineNoLongerKeepsItsWatcher() throws Exception {
        NeverAwaited.debugLoops(1);
        try {
            Idle coroutine = new Idle();
            NeverAwaited watcher = watcherOf(coroutine);
            assertNotNull(watcher, "debug mode watches a new coroutine");
            WeakReference<NeverAwaited> released = new WeakReference<>(watcher);
            watcher = null;
            coroutine.start(null, null);
            for (int i = 0; i < 50 && released.get() != null; i++) {
                System.gc();
                Thread.sleep(10);
            }
            assertNull(released.get(), "the watcher outlived the start of its coroutine");
            assertNotNull(coroutine); // still alive: only the watcher had to go
        } finally {
            NeverAwaited.debugLoops(-1);
        }
    }
}
