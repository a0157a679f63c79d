package dev.weft;

import java.lang.ref.Cleaner;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Debug mode's report of a coroutine that was created but never awaited or scheduled (Python's
 * "coroutine ... was never awaited"). Tracking costs a stack trace per coroutine, so it is only
 * on while some loop is in debug mode; otherwise creating a coroutine pays one static read. The
 * watchers are kept in a side table rather than in a field of every coroutine, which would cost
 * every frame 4 bytes (often 8, with alignment) for a debug-only feature.
 *
 * <p>The two flags read on every coroutine's creation and start are plain fields, not volatile:
 * a volatile read there is a barrier that stops the JIT from keeping the awaiting frame's state in
 * registers across a loop of awaits, and made W2's await of a ready child three times slower
 * (1.1 ns rather than the 0.38 ns of an inlined plain call; see benchmarks/NOTES.md).
 * Plain reads are enough. A loop sets debug mode on its own thread, so its own coroutines see it;
 * a coroutine created on one thread and started on another is handed over through a queue or
 * a lock, which orders its watch before its start.
 */
final class NeverAwaited implements Runnable {
    private static final Cleaner CLEANER = Cleaner.create();
    /** How many loops are in debug mode; written under the class's lock. */
    private static int debugLoops;
    /**
     * The watchers of coroutines not started yet. Weak keys, so that a forgotten coroutine is still
     * collected (and reported by the cleaner); a watcher holds no reference to its coroutine.
     */
    private static final Map<Coroutine<?>, NeverAwaited> WATCHED = Collections.synchronizedMap(new WeakHashMap<>());
    /** Set at the first watch: until then, starting a coroutine costs one read of this flag. */
    private static boolean anyWatched;

    private final String coroutine;
    private final Throwable createdAt;
    /** The observed loop that was running when the coroutine was created, which reports it on closing; or null. */
    private final EventLoop observedBy;
    private volatile boolean started;
    /**
     * Its registration with the cleaner, cleaned (running {@link #run()}, which then reports
     * nothing) once the coroutine starts: otherwise every watcher, with its creation stack, would
     * live until its coroutine is collected, and a debug-mode loop's heap would grow with every
     * coroutine it ran.
     */
    private Cleaner.Cleanable registration;

    private NeverAwaited(String coroutine, EventLoop observedBy) {
        this.coroutine = coroutine;
        this.createdAt = new Throwable("the coroutine was created here");
        this.observedBy = observedBy;
    }

    static synchronized void debugLoops(int change) {
        debugLoops += change;
    }

    static boolean tracking() {
        return debugLoops > 0;
    }

    /** Watches {@code coroutine}, which must be marked {@link #started(Coroutine)} when it runs. */
    static void watch(Coroutine<?> coroutine) {
        EventLoop running = EventLoop.runningOrNull();
        NeverAwaited watcher = new NeverAwaited(coroutine.toString(),
                running != null && running.observed() ? running : null);
        if (watcher.observedBy != null) {
            watcher.observedBy.unstarted.add(watcher);
        }
        watcher.registration = CLEANER.register(coroutine, watcher);
        WATCHED.put(coroutine, watcher);
        anyWatched = true;
    }

    /** {@code coroutine} runs: it will not be reported. */
    static void started(Coroutine<?> coroutine) {
        if (anyWatched) {
            NeverAwaited watcher = WATCHED.remove(coroutine);
            if (watcher != null) {
                watcher.started = true;
                if (watcher.observedBy != null) {
                    watcher.observedBy.unstarted.remove(watcher);
                }
                watcher.registration.clean();
            }
        }
    }

    /**
     * Its observed loop closes: the description of the coroutine if it never started, which is then
     * reported there rather than again when collected; null if it started.
     */
    String reportedByLoop() {
        if (started) {
            return null;
        }
        started = true;
        return coroutine + " was never awaited" + TaskDump.where("; it was created at ", createdAt.getStackTrace());
    }

    @Override
    public void run() {
        if (!started) {
            EventLoop.logDefault(new ExceptionContext(coroutine + " was never awaited", createdAt, null));
        }
    }
}
