package dev.weft;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The entry points of Weft, named after Python's {@code asyncio} module.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     List<String> pages = Asyncio.run(fetchAll(urls));   // asyncio.run(fetch_all(urls))
 * }
 * }</pre>
 */
public final class Asyncio {
    private Asyncio() {
    }

    /**
     * Python's {@code asyncio.run}: runs {@code main} on a new event loop on the calling thread,
     * cancels the tasks it leaves behind, closes the loop, and returns main's result (or rethrows
     * its exception unchanged).
     */
    public static <T> T run(Coroutine<T> main) {
        if (EventLoop.runningOrNull() != null) {
            throw new IllegalStateException("Asyncio.run() cannot be called from a running event loop;"
                    + " inside a coroutine, Await.on(...) the coroutine instead");
        }
        EventLoop loop = new EventLoop();
        try {
            return loop.runUntilComplete(main);
        } finally {
            try {
                cancelLeftovers(loop);
            } finally {
                loop.close();
            }
        }
    }

    private static void cancelLeftovers(EventLoop loop) {
        List<Task<?>> leftovers = new ArrayList<>(loop.tasks());
        if (leftovers.isEmpty()) {
            return;
        }
        for (Task<?> task : leftovers) {
            task.cancel();
        }
        Future<List<Object>> all = gatherSettledOn(loop, new ArrayList<>(leftovers));
        loop.runUntilComplete(all);
    }

    /** Python's {@code asyncio.create_task}: schedules {@code coroutine} on the running loop. */
    public static <T> Task<T> createTask(Coroutine<T> coroutine) {
        return getRunningLoop().createTask(coroutine);
    }

    /** Python's {@code asyncio.create_task(coro, name=...)}. */
    public static <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        return getRunningLoop().createTask(coroutine, name);
    }

    /** Python's {@code asyncio.sleep}: suspends for {@code seconds}; {@code sleep(0)} yields once to the loop. */
    public static Coroutine<Void> sleep(double seconds) {
        return new Sleep<>(seconds, null);
    }

    /** Python's {@code asyncio.sleep}, with a {@link Duration}. */
    public static Coroutine<Void> sleep(Duration delay) {
        return new Sleep<>(delay.toNanos() / 1e9, null);
    }

    /** Python's {@code asyncio.sleep(delay, result)}: completes with {@code result}. */
    public static <T> Coroutine<T> sleep(double seconds, T result) {
        return new Sleep<>(seconds, result);
    }

    /**
     * Python's {@code asyncio.gather}: runs the awaitables concurrently and completes with their
     * results in argument order. The first failure propagates; the others keep running.
     * Cancelling the gather cancels every child.
     */
    @SafeVarargs
    public static <T> Coroutine<List<T>> gather(Awaitable<? extends T>... awaitables) {
        return gather(Arrays.asList(awaitables));
    }

    /** Python's {@code asyncio.gather(*awaitables)} over a collection. */
    public static <T> Coroutine<List<T>> gather(Collection<? extends Awaitable<? extends T>> awaitables) {
        return new FutureCoroutine<>(Gathering.of(getRunningLoop(), awaitables, false));
    }

    /**
     * Python's {@code asyncio.gather(..., return_exceptions=True)}: like {@link #gather}, but a
     * failure is its {@code Throwable} in the result list.
     */
    public static Coroutine<List<Object>> gatherSettled(Awaitable<?>... awaitables) {
        return new FutureCoroutine<>(gatherSettledOn(getRunningLoop(), Arrays.asList(awaitables)));
    }

    /** Python's {@code gather(..., return_exceptions=True)} over a collection. */
    public static Coroutine<List<Object>> gatherSettled(Collection<? extends Awaitable<?>> awaitables) {
        return new FutureCoroutine<>(gatherSettledOn(getRunningLoop(), awaitables));
    }

    @SuppressWarnings("unchecked")
    private static Future<List<Object>> gatherSettledOn(EventLoop loop, Collection<? extends Awaitable<?>> awaitables) {
        return Gathering.of(loop, (Collection<? extends Awaitable<?>>) awaitables, true);
    }

    /** Python's {@code asyncio.current_task}: the task running now, or null outside any task. */
    public static Task<?> currentTask() {
        EventLoop loop = EventLoop.runningOrNull();
        return loop == null ? null : loop.currentTask();
    }

    /** Python's {@code asyncio.all_tasks}: the running loop's unfinished tasks. */
    public static Set<Task<?>> allTasks() {
        return Collections.unmodifiableSet(Set.copyOf(getRunningLoop().tasks()));
    }

    /** Python's {@code asyncio.get_running_loop}: throws {@link IllegalStateException} when no loop runs on this thread. */
    public static EventLoop getRunningLoop() {
        EventLoop loop = EventLoop.runningOrNull();
        if (loop == null) {
            throw new IllegalStateException("no running event loop on this thread: start one with Asyncio.run(main())");
        }
        return loop;
    }
}
