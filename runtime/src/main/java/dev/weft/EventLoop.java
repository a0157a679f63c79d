package dev.weft;

import dev.weft.internal.LoopObserver;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.SocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

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
 *
 * <p>Debug mode ({@link #setDebug}, or the system property {@code weft.debug=true} for every new
 * loop) reports callbacks and task steps that hold the loop longer than
 * {@link #getSlowCallbackDuration()}, coroutines that were created but never awaited, and
 * non-thread-safe calls made from other threads (see {@link #setDebug}).
 */
public final class EventLoop implements AutoCloseable {
    private static final ThreadLocal<EventLoop> RUNNING = new ThreadLocal<>();
    private static final System.Logger LOG = System.getLogger("dev.weft");
    /** Below this many timers the heap is never compacted: cancelled ones just wait their turn. */
    private static final int MIN_TIMERS_TO_COMPACT = 100;
    /** How long {@link #answer} waits for a running loop to take a question from another thread. */
    private static final int ANSWER_SECONDS = 2;

    /** Callbacks ({@link Runnable}s) and task steps ({@link Task}s, which are not Runnable so that only the loop steps them). */
    private final ArrayDeque<Object> ready = new ArrayDeque<>();
    private final PriorityQueue<TimerHandle> timers = new PriorityQueue<>();
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    /** The unfinished tasks, oldest first. */
    final TaskRegistry tasks = new TaskRegistry();
    private final Set<UnretrievedFailure> unretrieved = ConcurrentHashMap.newKeySet();
    private final long origin = System.nanoTime();
    private final boolean virtualTime;
    /** Seconds a virtual clock has jumped over, added to the real elapsed time. */
    private double skipped;
    /** Work counted by {@link #inFlightStarted()} and not yet ended. */
    private int inFlight;
    private long timerSequence;
    private int cancelledTimers;
    private volatile Thread thread;
    /** The running thread's current {@link Context}, which task steps switch; set by {@link #runForever()}. */
    Context.Slot contextSlot;
    /** The thread {@link #startOnNewThread} made to run this loop, or null. */
    private volatile Thread backgroundThread;
    private volatile boolean parked;
    private volatile boolean closed;
    private boolean stopping;
    private boolean debug;
    /**
     * Whether steps are watched this turn: debug mode is on or a recording wants one of the
     * {@link Flight} events. Read once per turn, so that an unwatched step, task creation and task
     * end pay one plain field read.
     */
    boolean watched;
    private boolean eagerTaskStart;
    private double slowCallbackDuration = 0.1;
    private Task<?> currentTask;
    /**
     * An {@code int} or {@code long} result on its way from a completing frame to the frame that
     * awaits it, unboxed (see {@link WovenCode#$returnInt}). One per loop is enough: the awaiting
     * frame reads it back before anything else runs on the loop's thread.
     */
    long unboxedResult;
    private BiConsumer<EventLoop, ExceptionContext> exceptionHandler;
    private final DefaultExecutor defaultExecutor = new DefaultExecutor();
    private final StartedGenerators startedGenerators = new StartedGenerators();
    private boolean asyncgensShutDown;
    /**
     * The selector and channel registrations, made on the first I/O registration: until then the
     * loop parks. Written on the loop's thread before {@link #parked} is set, so another thread
     * that reads {@code parked} true sees it.
     */
    private IoReactor io;
    /** The observer installed on the thread that made this loop (a test framework's), or null; see {@link LoopObserver}. */
    private final LoopObserver observer;
    /** With an observer: the slow steps reported in debug mode, and the coroutines created while running and not started yet. */
    private final List<String> slowSteps;
    final Set<NeverAwaited> unstarted;
    /** With an observer: the pending tasks {@link Runner#finish} found before cancelling them. */
    private List<String> pendingAtFinish;

    /** A new loop, not yet running; in debug mode when the system property {@code weft.debug} is true. */
    public EventLoop() {
        this(Boolean.getBoolean("weft.virtualTime"));
    }

    private EventLoop(boolean virtualTime) {
        LoopObserver o = LoopObserver.installed();
        this.observer = o;
        this.virtualTime = virtualTime || o != null && o.virtualTime();
        if (Boolean.getBoolean("weft.debug")) {
            setDebug(true);
        }
        watched = debug || Flight.anyEnabled();
        if (o != null) {
            slowSteps = Collections.synchronizedList(new ArrayList<>());
            unstarted = ConcurrentHashMap.newKeySet();
            o.created(this);
        } else {
            slowSteps = null;
            unstarted = null;
        }
    }

    /**
     * A loop with a virtual clock, for tests: it starts at 0 and, whenever the loop has nothing
     * ready and no work in flight on other threads ({@code toThread}, executors, awaited
     * {@link java.util.concurrent.CompletionStage}s, tasks of other loops, channels it watches,
     * child processes' output), jumps to the next timer
     * instead of waiting for it. {@code sleep(3600)} ends at once and {@link #time()} then reads
     * 3600 (and the few microseconds the loop spent working).
     *
     * <pre>{@code
     * try (var runner = new Runner(EventLoop::withVirtualTime)) {
     *     runner.run(retriesWithBackoff());      // an hour of back-off, in milliseconds
     * }
     * }</pre>
     *
     * <p>Order and results are those of the real clock: while the loop works, or waits for work
     * in flight, its clock runs at the real pace; only idle gaps are skipped. What the loop cannot
     * see coming is not in flight: a {@link #callSoonThreadsafe} or
     * {@link Asyncio#runCoroutineThreadsafe} from a thread it does not wait for, or a task of its
     * awaited by another loop. A virtual-time loop therefore suits a program driven from its own
     * tasks (a test's main coroutine), not a background loop fed from outside. The system property
     * {@code weft.virtualTime=true} makes every new loop a virtual-time one (as
     * {@code weft.debug} does for debug mode), which runs a whole test suite under it. Not in
     * asyncio.
     */
    public static EventLoop withVirtualTime() {
        return new EventLoop(true);
    }

    /** Whether this loop's clock skips idle gaps (see {@link #withVirtualTime()}). */
    public boolean isVirtualTime() {
        return virtualTime;
    }

    /**
     * Work begun on another thread whose outcome will come back through the inbox; until it does,
     * a virtual clock must not skip ahead. Loop thread only.
     */
    void inFlightStarted() {
        inFlight++;
    }

    /** The outcome of work counted by {@link #inFlightStarted()} has arrived, or is no longer awaited. */
    void inFlightEnded() {
        inFlight--;
    }

    /**
     * A loop running forever on a new daemon thread named {@code threadName}, for applications
     * that keep one in the background and hand it work from other threads with
     * {@link Asyncio#runCoroutineThreadsafe} or {@link #callSoonThreadsafe}. Returns once the loop
     * runs; {@link #shutdown()} ends it.
     *
     * <pre>{@code
     * EventLoop loop = EventLoop.startOnNewThread("weft-io");
     * CompletableFuture<String> page = Asyncio.runCoroutineThreadsafe(fetch(url), loop);
     * ...
     * loop.shutdown();   // cancels what is left, closes the loop, waits for its thread
     * }</pre>
     *
     * <p>Not in asyncio, where the same is written by hand with {@code threading.Thread(target=loop.run_forever)}.
     */
    public static EventLoop startOnNewThread(String threadName) {
        EventLoop loop = new EventLoop();
        CountDownLatch running = new CountDownLatch(1);
        loop.callSoon(running::countDown);
        Thread t = new Thread(() -> {
            try {
                loop.runForever();
            } finally {
                Runner.finish(loop);
            }
        }, threadName);
        t.setDaemon(true);
        loop.backgroundThread = t;
        t.start();
        waitUninterruptibly(running::await);
        return loop;
    }

    /**
     * For a loop made by {@link #startOnNewThread}, from any other thread: stops the loop, then,
     * on its thread, cancels its tasks and waits for them, closes its async generators and default
     * executor and closes it, as {@link Asyncio#run} does after main; returns when its thread
     * has ended. Calling it again does nothing.
     *
     * @throws IllegalStateException for a loop not made by {@link #startOnNewThread}, or when
     *                               called on the loop's own thread (it would wait for itself)
     */
    public void shutdown() {
        Thread t = backgroundThread;
        if (t == null) {
            throw new IllegalStateException("shutdown() ends a loop made by EventLoop.startOnNewThread;"
                    + " stop() and close() any other loop");
        }
        if (t == Thread.currentThread()) {
            throw new IllegalStateException("shutdown() called on the loop's own thread, where it would wait for itself:"
                    + " call stop() there, or shutdown() from another thread");
        }
        callSoonThreadsafeIfOpen(this::stop);
        waitUninterruptibly(t::join);
    }

    /** A blocking wait that may be interrupted. */
    private interface BlockingWait {
        void await() throws InterruptedException;
    }

    /** Waits to the end even if interrupted, then restores the interrupt: a half-done start or shutdown helps nobody. */
    private static void waitUninterruptibly(BlockingWait wait) {
        boolean interrupted = false;
        for (;;) {
            try {
                wait.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The loop running on the calling thread, or null. */
    static EventLoop runningOrNull() {
        return RUNNING.get();
    }

    /** Python's {@code time()}: monotonic seconds. */
    public double time() {
        return (System.nanoTime() - origin) / 1e9 + skipped;
    }

    /**
     * Python's {@code call_soon}: runs {@code callback} at the loop's next turn, in FIFO order.
     *
     * <p>Differs from Python: returns nothing, so that scheduling allocates no handle; use
     * {@link #callLater} with a zero delay for a cancellable callback.
     */
    public void callSoon(Runnable callback) {
        checkOpen();
        checkThread("callSoon");
        ready.add(callback);
    }

    /** Schedules {@code task}'s next step for the loop's next turn, in FIFO order with the callbacks. */
    void scheduleStep(Task<?> task) {
        checkOpen();
        ready.add(task);
    }

    /**
     * Python's {@code call_soon_threadsafe}: like {@link #callSoon}, from any thread; wakes the loop
     * at once if it is waiting.
     */
    public void callSoonThreadsafe(Runnable callback) {
        checkOpen();
        inbox.add(callback);
        // Paired with waitForWork: it sets parked before re-checking the inbox, we add before reading parked.
        if (parked) {
            IoReactor reactor = io;
            if (reactor != null) {
                reactor.wakeup();
            } else {
                LockSupport.unpark(thread);
            }
        }
    }

    /** {@link #callSoonThreadsafe}, or nothing if the loop is closed; true if scheduled. */
    boolean callSoonThreadsafeIfOpen(Runnable callback) {
        try {
            callSoonThreadsafe(callback);
            return true;
        } catch (IllegalStateException closedMeanwhile) {
            return false;
        }
    }

    /** Python's {@code call_later}: runs {@code callback} after {@code delay} seconds. */
    public TimerHandle callLater(double delay, Runnable callback) {
        return callAt(time() + delay, callback);
    }

    /**
     * Python's {@code call_at}: runs {@code callback} at loop time {@code when}. Callbacks due at the
     * same time run in the order they were scheduled.
     */
    public TimerHandle callAt(double when, Runnable callback) {
        TimerHandle handle = new TimerHandle(when, callback);
        schedule(handle, when);
        return handle;
    }

    /** Schedules a handle made with its delay (a {@link Sleep}'s) for that delay from now. */
    void callLater(TimerHandle handle) {
        schedule(handle, time() + handle.when);
    }

    /** Puts {@code handle} in the timer heap, due at loop time {@code when}. */
    void schedule(TimerHandle handle, double when) {
        checkOpen();
        if (Double.isNaN(when)) {
            throw new IllegalArgumentException("callAt(NaN): the time must be a number of loop seconds");
        }
        checkThread("callAt");
        handle.scheduled(this, when, timerSequence++);
        timers.add(handle);
    }

    /** A timer still in the heap was cancelled; rebuild the heap once cancelled ones dominate it. */
    void timerCancelled() {
        cancelledTimers++;
        if (timers.size() > MIN_TIMERS_TO_COMPACT && cancelledTimers * 2 > timers.size()) {
            timers.removeIf(t -> {
                if (t.isCancelled()) {
                    t.inHeap = false;
                    return true;
                }
                return false;
            });
            cancelledTimers = 0;
        }
    }

    /** Python's {@code create_task}. */
    public <T> Task<T> createTask(Coroutine<T> coroutine) {
        return createTask(coroutine, null);
    }

    /** Python's {@code create_task(coro, name=...)}: the task runs in a copy of the current {@link Context}. */
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        return createTask(coroutine, name, null);
    }

    /**
     * Python's {@code create_task(coro, name=..., context=...)}: the task runs in {@code context}
     * itself (not a copy), or in a copy of the current context when null.
     */
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name, Context context) {
        checkOpen();
        checkThread("createTask");
        return new Task<>(this, coroutine, name, context);
    }

    /** Python's {@code create_future}. */
    public <T> Future<T> createFuture() {
        return new Future<>(this);
    }

    /**
     * Python's {@code run_until_complete}: runs the loop until {@code awaitable} is done and returns
     * its result (or throws its exception). A coroutine is wrapped in a task.
     */
    public <T> T runUntilComplete(Awaitable<T> awaitable) {
        checkOpen();
        checkNotRunning();
        BaseFuture<T, ?> future = ensureFuture(awaitable);
        future.addDoneCallback(f -> stop());
        runForever();
        if (!future.isDone()) {
            throw new IllegalStateException("the event loop stopped before the awaited work completed");
        }
        return future.result();
    }

    @SuppressWarnings("unchecked")
    <T> BaseFuture<T, ?> ensureFuture(Awaitable<T> awaitable) {
        if (awaitable instanceof Coroutine<T> coroutine) {
            return createTask(coroutine);
        }
        if (awaitable == null) {
            throw new NullPointerException("nothing to run: pass a Coroutine, a Task or a Future");
        }
        BaseFuture<T, ?> future = (BaseFuture<T, ?>) awaitable;
        return future.loop == this ? future : Stages.fromOtherLoop(future, this);
    }

    /** Python's {@code run_forever}: runs until {@link #stop()} is called. */
    public void runForever() {
        checkOpen();
        checkNotRunning();
        thread = Thread.currentThread();
        RUNNING.set(this);
        contextSlot = Context.slot();
        LoopBeans.changed(this);
        watched = debug || Flight.anyEnabled();
        try {
            do {
                runOnce();
            } while (!stopping);
        } finally {
            stopping = false;
            RUNNING.remove();
            thread = null;
            LoopBeans.changed(this);
        }
    }

    private void checkNotRunning() {
        if (thread != null) {
            throw new IllegalStateException("this event loop is already running");
        }
        if (RUNNING.get() != null) {
            throw new IllegalStateException("another event loop is already running on this thread;"
                    + " one thread runs one loop at a time (await the work instead)");
        }
    }

    /** Python's {@code stop()}: the loop stops after the current turn (after one turn if not running yet). */
    public void stop() {
        stopping = true;
    }

    /** The thread running the loop, or null. */
    Thread thread() {
        return thread;
    }

    /** Python's {@code is_running()}. */
    public boolean isRunning() {
        return thread != null;
    }

    /** Python's {@code is_closed()}. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Python's {@code close()}: discards pending callbacks, reports failures nobody retrieved, shuts
     * the default executor down without waiting; the loop accepts no further work. Closing twice
     * is harmless.
     */
    @Override
    public void close() {
        if (thread != null) {
            throw new IllegalStateException("cannot close a running event loop: stop() it first");
        }
        if (closed) {
            return;
        }
        LoopObserver.Leftovers leftovers = observer != null ? leftovers() : null;
        for (UnretrievedFailure failure : new ArrayList<>(unretrieved)) {
            failure.reportOnClose();
        }
        unretrieved.clear();
        setDebug(false);
        closed = true;
        ready.clear();
        for (TimerHandle t : timers) {
            t.inHeap = false;
        }
        timers.clear();
        cancelledTimers = 0;
        inbox.clear();
        if (io != null) {
            io.close();
        }
        defaultExecutor.close();
        if (leftovers != null) {
            observer.closed(this, leftovers);
        }
    }

    /** Whether a {@link LoopObserver} watches this loop. */
    boolean observed() {
        return observer != null;
    }

    /** For {@link Runner#finish}, before it cancels the tasks left: with an observer, note them as pending. */
    void notePendingTasks() {
        if (observer != null) {
            pendingAtFinish = TaskDump.describeAll(tasks.snapshot());
        }
    }

    /** What this observed loop leaves behind as it closes. */
    private LoopObserver.Leftovers leftovers() {
        List<String> pending = pendingAtFinish != null ? pendingAtFinish : TaskDump.describeAll(tasks.snapshot());
        List<String> failures = new ArrayList<>();
        for (UnretrievedFailure failure : unretrieved) {
            failures.add(failure.describe());
        }
        List<String> forgotten = new ArrayList<>();
        for (NeverAwaited watcher : unstarted) {
            String never = watcher.reportedByLoop();
            if (never != null) {
                forgotten.add(never);
            }
        }
        unstarted.clear();
        List<String> slow;
        synchronized (slowSteps) {
            slow = new ArrayList<>(slowSteps);
        }
        return new LoopObserver.Leftovers(pending, failures, forgotten, slow);
    }

    /**
     * Python 3.12's {@code loop.set_task_factory(asyncio.eager_task_factory)}: while the loop runs,
     * a new task runs its first step inside {@code createTask}, before it returns, instead of at
     * the loop's next turn. A task that completes without suspending is then done at once and
     * never costs a loop turn; one that suspends goes on as usual. Off by default, as in Python,
     * because it changes the order in which tasks start.
     */
    public void setEagerTaskStart(boolean enabled) {
        eagerTaskStart = enabled;
    }

    /** Whether {@link #setEagerTaskStart} is on. */
    public boolean isEagerTaskStart() {
        return eagerTaskStart;
    }

    /**
     * Python's {@code set_debug}. In debug mode every method bound to this loop's thread — the
     * loop's own ({@code callSoon}, {@code callLater}, {@code createTask}, ...), those of its futures
     * and tasks ({@code setResult}, {@code setException}, {@code cancel}, ...), and those of a
     * primitive or queue once a task of this loop has waited on it ({@code Queue.putNowait},
     * {@code Event.set}, {@code Lock.release}, ...) — throws {@link IllegalStateException} when
     * called from another thread while the loop runs, before changing anything; the message says to
     * use {@link #callSoonThreadsafe}. Outside debug mode these calls are not checked, as in
     * asyncio: a call from another thread is then a data race.
     */
    public void setDebug(boolean enabled) {
        if (enabled != debug) {
            debug = enabled;
            NeverAwaited.debugLoops(enabled ? 1 : -1);
        }
        watched = enabled || Flight.anyEnabled();
    }

    /** Python's {@code get_debug}. */
    public boolean isDebug() {
        return debug;
    }

    /** Python's {@code slow_callback_duration}: in debug mode, steps longer than this (seconds) are reported. */
    public double getSlowCallbackDuration() {
        return slowCallbackDuration;
    }

    /** Sets {@link #getSlowCallbackDuration()}. */
    public void setSlowCallbackDuration(double seconds) {
        slowCallbackDuration = seconds;
    }

    /**
     * Python's {@code set_exception_handler}: {@code handler} receives errors raised by callbacks and
     * failures nobody retrieved; null restores the default, which logs through
     * {@link System.Logger} ({@code dev.weft}).
     */
    public void setExceptionHandler(BiConsumer<EventLoop, ExceptionContext> handler) {
        exceptionHandler = handler;
    }

    /** Python's {@code get_exception_handler}: the handler set, or null for the default. */
    public BiConsumer<EventLoop, ExceptionContext> getExceptionHandler() {
        return exceptionHandler;
    }

    /**
     * Python's {@code call_exception_handler}. If the handler itself fails, both errors are logged
     * by the default handler.
     */
    public void callExceptionHandler(ExceptionContext context) {
        BiConsumer<EventLoop, ExceptionContext> handler = exceptionHandler;
        if (handler == null) {
            logDefault(context);
            return;
        }
        try {
            handler.accept(this, context);
        } catch (Throwable handlerFailure) {
            logDefault(new ExceptionContext("Unhandled error in exception handler", handlerFailure, context));
            logDefault(context);
        }
    }

    /** Python's {@code default_exception_handler}: logs {@code context} at level ERROR. */
    public static void logDefault(ExceptionContext context) {
        String message = context.source() == null ? context.message() : context.message() + " (" + context.source() + ")";
        LOG.log(System.Logger.Level.ERROR, message, context.exception());
    }

    /**
     * Python's {@code run_in_executor}: runs {@code call} on {@code executor} (the loop's default
     * executor when null) and completes the returned future on this loop. Cancelling the future
     * cancels the call if it has not started. The call runs in a copy of the caller's
     * {@link Context}, as Python's {@code to_thread} does it.
     *
     * <p>The default executor runs each call on a virtual thread where the JVM has them (Java 21+),
     * so blocking calls cost no platform thread; on Java 17 it is a bounded pool of daemon threads
     * ({@code min(32, cores + 4)}, as Python's {@code ThreadPoolExecutor}). It is shut down by
     * {@link #shutdownDefaultExecutor()} and {@link #close()}.
     */
    public <T> Future<T> runInExecutor(Executor executor, Callable<T> call) {
        checkOpen();
        Executor target = executor != null ? executor : defaultExecutor.get();
        Context context = Context.used ? Context.copyOfCurrentOrNull() : null;
        CompletableFuture<T> stage = CompletableFuture.supplyAsync(() -> {
            try {
                return context == null ? call.call() : context.call(call);
            } catch (Exception e) {
                throw Exceptions.sneaky(e);
            }
        }, target);
        return Stages.toFuture(stage, this);
    }

    /** Python's {@code set_default_executor}. */
    public void setDefaultExecutor(ExecutorService executor) {
        defaultExecutor.set(executor);
    }

    /**
     * Python's {@code shutdown_default_executor}: stops accepting work on the default executor and
     * completes once its running calls have finished. {@link Asyncio#run} awaits it before closing.
     */
    public Coroutine<Void> shutdownDefaultExecutor() {
        CompletableFuture<Void> terminated = defaultExecutor.shutdown();
        return terminated == null ? Coroutine.done() : new FutureCoroutine<>(Stages.toFuture(terminated, this));
    }

    /**
     * Python's {@code shutdown_asyncgens}: closes every async generator that started on this loop
     * (its {@code hasNext()} was awaited) and has not finished, as {@link AsyncGenerator#aclose()}
     * would, so that the {@code finally} blocks of generators iterated by hand and then dropped
     * still run. The generators are closed concurrently; a close that fails is reported to the
     * {@linkplain #setExceptionHandler exception handler} with the message "an error occurred
     * during closing of asynchronous generator ..." and the generator as source, and the others
     * are closed all the same. {@link Asyncio#run} awaits it after cancelling the tasks left
     * behind and before {@link #shutdownDefaultExecutor()}. It does nothing until awaited.
     *
     * <pre>{@code
     * EventLoop loop = new EventLoop();
     * try {
     *     loop.runUntilComplete(main());
     * } finally {
     *     loop.runUntilComplete(loop.shutdownAsyncgens());   // loop.run_until_complete(loop.shutdown_asyncgens())
     *     loop.close();
     * }
     * }</pre>
     *
     * <p>Generators that never started have nothing to close and are left alone; a generator that
     * starts after this ran is logged as a warning (Python's {@code ResourceWarning}) and tracked
     * for the next call.
     *
     * <p>Differs from Python: the loop holds the generators weakly, as Python does, but a
     * generator nobody references any more may be collected before this runs, and then its
     * {@code finally} blocks never run. Java cannot bring a collected object back to close it, as
     * CPython's finalizer hook does; close a generator iterated by hand with {@code aclose()}, or
     * iterate it with {@code Await.each}, which closes it on leaving the loop.
     */
    public Coroutine<Void> shutdownAsyncgens() {
        return new AsyncgenShutdown(this);
    }

    /** Python's {@code _asyncgen_firstiter_hook}: {@code generator} starts on this loop. */
    StartedGenerators.Entry asyncgenStarted(AsyncGenerator<?> generator) {
        if (asyncgensShutDown) {
            LOG.log(System.Logger.Level.WARNING, "async generator {0} started after shutdownAsyncgens()", generator);
        }
        return startedGenerators.add(generator);
    }

    /** For {@link AsyncgenShutdown}: the generators to close; any that start later warn. */
    List<AsyncGenerator<?>> takeStartedGenerators() {
        asyncgensShutDown = true;
        return startedGenerators.takeAll();
    }

    /**
     * Every unfinished task of this loop — its name, state, coroutine, what it awaits and its await
     * chain with the source line of each {@code Await.on} — then the tree of who awaits whom, as
     * Python 3.14's {@code python -m asyncio pstree} prints it. Not part of asyncio's loop API.
     *
     * <pre>{@code
     * EventLoop loop = EventLoop.startOnNewThread("server");
     * ...
     * System.err.println(loop.dumpTasks());   // from any thread, e.g. a watchdog or a JMX client
     * }</pre>
     *
     * <p>Safe from any thread: on another thread it hands the question to the loop and waits up to
     * two seconds for the answer, so that it reads the tasks between two steps. A loop that does not
     * answer in time is stuck in one step; the text then says so and shows where its thread is.
     * A loop that is not running is read directly.
     */
    public String dumpTasks() {
        return answer(() -> TaskDump.of(this), owner -> {
            StringBuilder stuck = new StringBuilder("Event loop ").append(describe())
                    .append(" did not answer within ").append(ANSWER_SECONDS)
                    .append(" s: one step holds it. Where its thread is now:").append(System.lineSeparator());
            for (StackTraceElement element : owner.getStackTrace()) {
                stuck.append("\tat ").append(element).append(System.lineSeparator());
            }
            return stuck.toString();
        });
    }

    /**
     * {@code question} answered on the loop's thread between two steps, from any thread: directly on
     * the loop's thread or while the loop is not running; otherwise handed over with
     * {@link #callSoonThreadsafe} and waited for, and {@code stuck} answers if the loop does not take
     * it within {@link #ANSWER_SECONDS}.
     */
    <T> T answer(Supplier<T> question, Function<Thread, T> stuck) {
        for (;;) {
            Thread owner = thread;
            if (owner == null || owner == Thread.currentThread() || closed) {
                return question.get();
            }
            CompletableFuture<T> answer = new CompletableFuture<>();
            try {
                callSoonThreadsafe(() -> answer.complete(question.get()));
            } catch (IllegalStateException closedMeanwhile) {
                return question.get();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_SECONDS);
            try {
                do {
                    try {
                        return answer.get(20, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException notYet) {
                        if (System.nanoTime() - deadline >= 0) {
                            return stuck.apply(owner);
                        }
                    }
                } while (thread == owner);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return stuck.apply(owner);
            } catch (ExecutionException failed) {
                throw Exceptions.sneaky(failed.getCause());
            }
            // The loop stopped before it took the question (it stays queued for a later run): ask again.
        }
    }

    /** {@code on thread "name" (running)}, or how the loop stands when it does not run. */
    String describe() {
        Thread owner = thread;
        if (owner != null) {
            return "on thread \"" + owner.getName() + "\" (running" + (debug ? ", debug" : "") + ")";
        }
        return closed ? "(closed)" : "(not running)";
    }

    /**
     * Diagnostics, not part of asyncio: what the loop still holds. A loop with no work left
     * reports zero ready callbacks, zero live timers and zero tasks.
     *
     * @param ready           callbacks queued for the next turn
     * @param timers          scheduled timers not cancelled
     * @param cancelledTimers cancelled timers still in the heap (removed lazily, bounded by half the heap)
     * @param tasks           tasks created and not yet done
     * @param inbox           callbacks handed over by other threads, not yet moved to the ready queue
     * @param unretrieved     failures of live futures that nobody has retrieved yet
     */
    public record Stats(int ready, int timers, int cancelledTimers, int tasks, int inbox, int unretrieved) {
    }

    /** A snapshot of {@link Stats}; call it on the loop's thread or while the loop is not running. */
    public Stats stats() {
        return new Stats(ready.size(), timers.size() - cancelledTimers, cancelledTimers, tasks.size(), inbox.size(),
                unretrieved.size());
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

    void trackUnretrieved(UnretrievedFailure failure) {
        unretrieved.add(failure);
    }

    void untrackUnretrieved(UnretrievedFailure failure) {
        unretrieved.remove(failure);
    }

    /**
     * One turn of the loop (CPython's {@code _run_once}):
     * <ol>
     * <li>If nothing is ready, park until the earliest live timer is due or another thread hands
     * over a callback (cancelled timers at the head of the heap are dropped first, so that they
     * never set the wake-up time). A stopping loop does not park.</li>
     * <li>Move the callbacks handed over by other threads ({@link #callSoonThreadsafe}) to the
     * ready queue.</li>
     * <li>Move the timers now due to the ready queue, earliest first, skipping cancelled ones.
     * The clock is read only when there is a timer.</li>
     * <li>Run the callbacks that are ready now, and only those: what they schedule runs at the
     * next turn, so a callback that reschedules itself cannot starve timers or other threads. A
     * failing callback goes to the exception handler; in debug mode slow ones are reported.</li>
     * </ol>
     * Task steps share the ready queue with the callbacks, in FIFO order: the queue holds a
     * {@link Task} itself rather than a callback wrapping it, so scheduling a step allocates nothing.
     */
    private void runOnce() {
        if (ready.isEmpty() && inbox.isEmpty()) {
            waitForWork();
        } else if (io != null) {
            // Work is ready: take what the channels have too, without waiting.
            io.select(-1, ready);
        }
        for (Runnable r; (r = inbox.poll()) != null; ) {
            ready.add(r);
        }
        if (!timers.isEmpty()) {
            // Read the clock only when a timer may be due: most turns of a busy loop have none.
            double now = time();
            for (TimerHandle t; (t = timers.peek()) != null && t.when <= now; ) {
                if (!popTimer().isCancelled()) {
                    ready.add(t.callback);
                }
            }
        }
        boolean watch = debug || Flight.anyEnabled();
        watched = watch;
        // Run only what is ready now; callbacks scheduled meanwhile wait for the next turn.
        for (int n = ready.size(); n > 0; n--) {
            Object r = ready.poll();
            if (watch) {
                runWatched(r);
            } else {
                runGuarded(r);
            }
        }
    }

    /** Takes the earliest timer off the heap, keeping the count of cancelled ones in it exact. */
    private TimerHandle popTimer() {
        TimerHandle t = timers.poll();
        t.inHeap = false;
        if (t.isCancelled()) {
            cancelledTimers--;
        }
        return t;
    }

    private void runGuarded(Object r) {
        try {
            if (r instanceof Task<?> task) {
                task.step();
            } else {
                ((Runnable) r).run();
            }
        } catch (Throwable t) {
            callExceptionHandler(new ExceptionContext("Exception in callback " + r, t, r));
        }
    }

    /**
     * Runs {@code r} timed, for debug mode and the {@link Flight} events: a task step is recorded,
     * and a slow one reported with the line it resumed at and the one where it gave the loop back.
     */
    private void runWatched(Object r) {
        Task<?> task = r instanceof Task<?> t ? t : null;
        Coroutine<?> from = task != null ? wovenFrom(task.innermost()) : null;
        int fromLine = from != null ? from.$line() : -1;
        Object step = task != null ? Flight.stepBegins() : null;
        long start = System.nanoTime();
        runGuarded(r);
        long held = System.nanoTime() - start;
        if (task != null) {
            Flight.stepEnded(step, task);
        }
        if (held < slowCallbackDuration * 1e9) {
            return;
        }
        String took = String.format("%.3f", held / 1e9);
        if (task == null) {
            if (debug) {
                LOG.log(System.Logger.Level.WARNING, "Executing {0} took {1} seconds", r, took);
                if (observer != null) {
                    slowSteps.add("callback " + r + " took " + took + " s" + overLimit());
                }
            }
            return;
        }
        String startedAt = from != null ? String.valueOf(from.elementAt(fromLine)) : "a runtime coroutine";
        String gaveBackAt = gaveBackAt(task);
        Flight.slowStep(task, held, startedAt, gaveBackAt);
        if (debug) {
            LOG.log(System.Logger.Level.WARNING, "Executing {0} took {1} seconds: it started at {2} and gave the loop back {3}",
                    task, took, startedAt, gaveBackAt);
            if (observer != null) {
                slowSteps.add("a step of " + task.getName() + " took " + took + " s" + overLimit() + ": it started at " + startedAt
                        + " and gave the loop back " + gaveBackAt + TaskDump.createdAt(task));
            }
        }
    }

    /** Which limit a slow step broke: a test may have set its loop's own. */
    private String overLimit() {
        return " (this loop's limit is " + BigDecimal.valueOf(slowCallbackDuration).stripTrailingZeros().toPlainString() + " s)";
    }

    /** The first woven frame from {@code frame} outwards: the runtime's own coroutines have no source line. */
    private static Coroutine<?> wovenFrom(Coroutine<?> frame) {
        while (frame != null && frame.$source() == null) {
            frame = frame.caller;
        }
        return frame;
    }

    /** Where a step that just ran left its task: at an await, or at its end. */
    private static String gaveBackAt(Task<?> task) {
        if (task.isDone()) {
            return task.isCancelled() ? "when it was cancelled" : "when it finished";
        }
        Coroutine<?> at = wovenFrom(task.innermost());
        return at != null ? "at " + at.element() : "in a runtime coroutine";
    }

    private void waitForWork() {
        TimerHandle next;
        while ((next = timers.peek()) != null && next.isCancelled()) {
            popTimer();
        }
        if (stopping) {
            return;
        }
        parked = true;
        try {
            if (!inbox.isEmpty()) {
                return;
            }
            if (io != null) {
                double wait = next == null ? 0 : next.when - time();
                if (wait > 0 && virtualTime && inFlight == 0 && !io.watching()) {
                    // No channel can wake the loop before the timer: jump to it, as below.
                    skipped += wait;
                    io.select(-1, ready);
                } else {
                    io.select(next == null ? 0 : selectTimeoutMillis(wait), ready);
                }
            } else if (next == null) {
                LockSupport.park(this);
            } else {
                double wait = next.when - time();
                if (wait > 0 && virtualTime && inFlight == 0) {
                    // Nothing can happen before the timer: jump to it.
                    skipped += wait;
                } else if (wait > 0) {
                    LockSupport.parkNanos(this, (long) (wait * TimeUnit.SECONDS.toNanos(1)));
                }
            }
        } finally {
            parked = false;
        }
    }

    /** A select timeout for {@code wait} seconds: -1 (do not wait) when due, else rounded up so the timer is due on waking. */
    private static long selectTimeoutMillis(double wait) {
        return wait <= 0 ? -1 : Math.max(1, (long) Math.ceil(wait * 1000));
    }

    /** The loop's I/O half, created at the first registration; only on the loop's thread. */
    IoReactor io() {
        checkOpen();
        if (io == null) {
            io = new IoReactor();
        }
        return io;
    }

    /**
     * Python's {@code add_reader}: runs {@code callback} on the loop whenever {@code channel} is
     * readable (or, for a {@link java.nio.channels.ServerSocketChannel}, has a connection to
     * accept), until {@link #removeReader}. A second call replaces the callback.
     *
     * <pre>{@code
     * loop.addReader(channel, () -> consume(channel));   // loop.add_reader(sock, consume, sock)
     * }</pre>
     *
     * <p>Differs from Python: takes a non-blocking {@link SelectableChannel} rather than a file
     * descriptor, and throws {@link IllegalArgumentException} for a channel in blocking mode. The
     * channel stays registered with the loop's selector until it is closed.
     */
    public void addReader(SelectableChannel channel, Runnable callback) {
        checkLoopThread("addReader");
        io().addReader(channel, callback);
    }

    /** Python's {@code remove_reader}: stops watching {@code channel} for reading; false if it was not watched. */
    public boolean removeReader(SelectableChannel channel) {
        checkLoopThread("removeReader");
        return io != null && io.removeReader(channel);
    }

    /**
     * Python's {@code add_writer}: runs {@code callback} on the loop whenever {@code channel} is
     * writable (for a {@link java.nio.channels.SocketChannel} still connecting: when the connection
     * completes or fails), until {@link #removeWriter}. See {@link #addReader} for the differences.
     */
    public void addWriter(SelectableChannel channel, Runnable callback) {
        checkLoopThread("addWriter");
        io().addWriter(channel, callback);
    }

    /** Python's {@code remove_writer}: stops watching {@code channel} for writing; false if it was not watched. */
    public boolean removeWriter(SelectableChannel channel) {
        checkLoopThread("removeWriter");
        return io != null && io.removeWriter(channel);
    }

    /**
     * Python's {@code sock_connect}: connects the non-blocking {@code channel} to {@code address}.
     *
     * <pre>{@code
     * SocketChannel ch = SocketChannel.open();
     * ch.configureBlocking(false);
     * Await.on(loop.sockConnect(ch, new InetSocketAddress("127.0.0.1", port)));
     * }</pre>
     *
     * @throws java.net.ConnectException when refused (thrown at the await)
     */
    public Coroutine<Void> sockConnect(SocketChannel channel, SocketAddress address) throws IOException {
        return SocketOps.connect(this, channel, address);
    }

    /** Python's {@code sock_accept}: the next connection of the non-blocking {@code server}, itself non-blocking. */
    public Coroutine<SocketChannel> sockAccept(ServerSocketChannel server) throws IOException {
        return SocketOps.accept(this, server);
    }

    /** Python's {@code sock_recv}: up to {@code maxBytes} bytes from {@code channel}, at least one; empty at end of stream. */
    public Coroutine<byte[]> sockRecv(SocketChannel channel, int maxBytes) throws IOException {
        return SocketOps.recv(this, channel, maxBytes);
    }

    /** Python's {@code sock_sendall}: sends all of {@code data}, waiting while the socket's buffer is full. */
    public Coroutine<Void> sockSendall(SocketChannel channel, byte[] data) throws IOException {
        return SocketOps.sendall(this, channel, data);
    }

    private void checkLoopThread(String what) {
        checkOpen();
        checkThread(what);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the event loop is closed: it accepts no further work");
        }
    }

    /**
     * In debug mode, rejects {@code what} when called from a thread other than the one running this
     * loop. Every method that touches loop state calls it before changing anything, so that a
     * rejected call leaves no trace (a half-made task or a cancelled wait that nobody would ever
     * resume). Outside debug mode it costs one plain field read, as asyncio's check costs nothing.
     */
    void checkThread(String what) {
        if (debug) {
            Thread owner = thread;
            if (owner != null && owner != Thread.currentThread()) {
                throw new IllegalStateException(what + " called from thread " + Thread.currentThread().getName()
                        + ", but the loop runs on " + owner.getName() + ": only callSoonThreadsafe may be called from"
                        + " other threads, so hand the call to the loop with loop.callSoonThreadsafe(() -> ...)");
            }
        }
    }
}
