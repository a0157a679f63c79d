package dev.weft;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The single-threaded event loop: Python's {@code asyncio} event loop.
 *
 * <p>Everything scheduled on a loop runs on the thread that runs it; only
 * {@link #callSoonThreadsafe} may be called from other threads. Most programs never touch the loop
 * and use {@link Asyncio#run}.
 *
 * <pre>{@code
 * EventLoop loop = new EventLoop();
 * try {
 *     String s = loop.runUntilComplete(fetch(url));
 * } finally {
 *     loop.close();
 * }
 * }</pre>
 */
public final class EventLoop implements AutoCloseable {
    private static final ThreadLocal<EventLoop> RUNNING = new ThreadLocal<>();

    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private final PriorityQueue<TimerHandle> timers = new PriorityQueue<>();
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final Set<Task<?>> tasks = Collections.newSetFromMap(new IdentityHashMap<>());
    private final long origin = System.nanoTime();
    private long timerSequence;
    private int cancelledTimers;
    private volatile Thread thread;
    private volatile boolean parked;
    private boolean stopping;
    private boolean closed;
    private boolean debug;
    private Task<?> currentTask;

    /** A new loop, not yet running. */
    public EventLoop() {
    }

    /** The loop running on the calling thread, or null. */
    static EventLoop runningOrNull() {
        return RUNNING.get();
    }

    /** Python's {@code time()}: monotonic seconds. */
    public double time() {
        return (System.nanoTime() - origin) / 1e9;
    }

    /** Python's {@code call_soon}: runs {@code callback} at the loop's next turn, in FIFO order. */
    public void callSoon(Runnable callback) {
        checkOpen();
        ready.add(callback);
    }

    /** Python's {@code call_soon_threadsafe}: like {@link #callSoon}, from any thread; wakes the loop. */
    public void callSoonThreadsafe(Runnable callback) {
        checkOpen();
        inbox.add(callback);
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    /** Python's {@code call_later}: runs {@code callback} after {@code delay} seconds. */
    public TimerHandle callLater(double delay, Runnable callback) {
        return callAt(time() + delay, callback);
    }

    /** Python's {@code call_at}: runs {@code callback} at loop time {@code when}. */
    public TimerHandle callAt(double when, Runnable callback) {
        checkOpen();
        TimerHandle handle = new TimerHandle(this, when, timerSequence++, callback);
        timers.add(handle);
        return handle;
    }

    void timerCancelled() {
        cancelledTimers++;
        if (cancelledTimers > 64 && cancelledTimers * 2 > timers.size()) {
            timers.removeIf(TimerHandle::isCancelled);
            cancelledTimers = 0;
        }
    }

    /** Python's {@code create_task}. */
    public <T> Task<T> createTask(Coroutine<T> coroutine) {
        return createTask(coroutine, null);
    }

    /** Python's {@code create_task(coro, name=...)}. */
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        checkOpen();
        return new Task<>(this, coroutine, name);
    }

    /** Python's {@code create_future}. */
    public <T> Future<T> createFuture() {
        return new Future<>(this);
    }

    /**
     * Python's {@code run_until_complete}: runs the loop until {@code awaitable} is done and returns
     * its result (or throws its exception).
     */
    public <T> T runUntilComplete(Awaitable<T> awaitable) {
        BaseFuture<T, ?> future = ensureFuture(awaitable);
        future.addDoneCallback(f -> stop());
        runForever();
        if (!future.isDone()) {
            throw new IllegalStateException("the loop stopped before the awaited work completed");
        }
        return future.result();
    }

    @SuppressWarnings("unchecked")
    <T> BaseFuture<T, ?> ensureFuture(Awaitable<T> awaitable) {
        if (awaitable instanceof Coroutine<T> coroutine) {
            return createTask(coroutine);
        }
        BaseFuture<T, ?> future = (BaseFuture<T, ?>) awaitable;
        if (future.loop != this) {
            throw new IllegalArgumentException(future + " belongs to another event loop");
        }
        return future;
    }

    /** Python's {@code run_forever}: runs until {@link #stop()} is called. */
    public void runForever() {
        checkOpen();
        if (thread != null) {
            throw new IllegalStateException("this event loop is already running");
        }
        if (RUNNING.get() != null) {
            throw new IllegalStateException("another event loop is already running on this thread");
        }
        thread = Thread.currentThread();
        RUNNING.set(this);
        try {
            while (!stopping) {
                runOnce();
            }
        } finally {
            stopping = false;
            RUNNING.remove();
            thread = null;
        }
    }

    /** Python's {@code stop()}: the loop stops after the current turn. */
    public void stop() {
        stopping = true;
    }

    /** Python's {@code is_running()}. */
    public boolean isRunning() {
        return thread != null;
    }

    /** Python's {@code is_closed()}. */
    public boolean isClosed() {
        return closed;
    }

    /** Python's {@code close()}: discards pending callbacks; the loop accepts no further work. */
    @Override
    public void close() {
        if (thread != null) {
            throw new IllegalStateException("cannot close a running event loop");
        }
        closed = true;
        ready.clear();
        timers.clear();
        inbox.clear();
    }

    /** Python's {@code set_debug}. */
    public void setDebug(boolean enabled) {
        debug = enabled;
    }

    /** Python's {@code get_debug}. */
    public boolean isDebug() {
        return debug;
    }

    /**
     * Python's {@code run_in_executor}: runs {@code call} on {@code executor} and completes the
     * returned future on this loop.
     */
    public <T> Future<T> runInExecutor(Executor executor, Callable<T> call) {
        checkOpen();
        CompletableFuture<T> stage = CompletableFuture.supplyAsync(() -> {
            try {
                return call.call();
            } catch (Exception e) {
                throw Exceptions.sneaky(e);
            }
        }, executor);
        return Stages.toFuture(stage, this);
    }

    Task<?> enterTask(Task<?> task) {
        Task<?> previous = currentTask;
        currentTask = task;
        return previous;
    }

    void leaveTask(Task<?> previous) {
        currentTask = previous;
    }

    Task<?> currentTask() {
        return currentTask;
    }

    void registerTask(Task<?> task) {
        tasks.add(task);
    }

    void unregisterTask(Task<?> task) {
        tasks.remove(task);
    }

    Set<Task<?>> tasks() {
        return tasks;
    }

    private void runOnce() {
        if (ready.isEmpty() && inbox.isEmpty()) {
            waitForWork();
        }
        for (Runnable r; (r = inbox.poll()) != null; ) {
            ready.add(r);
        }
        double now = time();
        for (TimerHandle t; (t = timers.peek()) != null && t.when <= now; ) {
            timers.poll();
            if (t.isCancelled()) {
                cancelledTimers--;
            } else {
                ready.add(t.callback);
            }
        }
        // Run only what is ready now; callbacks scheduled meanwhile wait for the next turn.
        for (int n = ready.size(); n > 0; n--) {
            Runnable r = ready.poll();
            try {
                r.run();
            } catch (Throwable t) {
                System.getLogger("dev.weft").log(System.Logger.Level.ERROR, "Exception in callback " + r, t);
            }
        }
    }

    private void waitForWork() {
        TimerHandle next;
        while ((next = timers.peek()) != null && next.isCancelled()) {
            timers.poll();
            cancelledTimers--;
        }
        if (stopping) {
            return;
        }
        parked = true;
        try {
            if (!inbox.isEmpty()) {
                return;
            }
            if (next == null) {
                LockSupport.park(this);
            } else {
                double wait = next.when - time();
                if (wait > 0) {
                    LockSupport.parkNanos(this, (long) (wait * TimeUnit.SECONDS.toNanos(1)));
                }
            }
        } finally {
            parked = false;
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the event loop is closed");
        }
    }
}
