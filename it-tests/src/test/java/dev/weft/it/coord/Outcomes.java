package dev.weft.it.coord;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Awaitable;
import dev.weft.Coroutine;
import dev.weft.Task;
import java.util.List;

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

    /** Runs {@code coro} as a task that is cancelled on the loop's next turn; completes with what it threw. */
    @Async
    static Coroutine<Throwable> failureWhenCancelledSoon(Coroutine<?> coro) {
        Task<?> task = Asyncio.createTask(coro);
        Asyncio.getRunningLoop().callSoon(task::cancel);
        Throwable failure = Await.on(failureOf(task));
        return Coroutine.of(failure);
    }

    /** Awaits {@code acquisition} (which is kept, never released) and then records {@code tag} in {@code result}. */
    @Async
    static Coroutine<Boolean> acquireAndRecord(Coroutine<?> acquisition, List<Integer> result, int tag) {
        Await.on(acquisition);
        result.add(tag);
        return Coroutine.of(true);
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
