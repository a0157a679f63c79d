package dev.weft.it.coord;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Awaitable;
import dev.weft.Coroutine;

/** Small coroutines the coordination tests share. */
final class Outcomes {
    private Outcomes() {
    }

    /** Awaits {@code awaitable}; completes with what it threw, or null if it completed normally. */
    @Async
    static Coroutine<Throwable> failureOf(Awaitable<?> awaitable) {
        try {
            Await.on(awaitable);
            return Coroutine.of(null);
        } catch (Throwable t) {
            return Coroutine.of(t);
        }
    }

    /** Lets the loop run {@code n} turns (Python's repeated {@code await asyncio.sleep(0)}). */
    @Async
    static Coroutine<Void> turns(int n) {
        for (int i = 0; i < n; i++) {
            Await.on(Asyncio.sleep(0));
        }
        return Coroutine.done();
    }
}
