package dev.weft;

import java.lang.ref.Cleaner;

/**
 * Debug mode's report of a coroutine that was created but never awaited or scheduled (Python's
 * "coroutine ... was never awaited"). Tracking costs a stack trace per coroutine, so it is only
 * on while some loop is in debug mode; otherwise creating a coroutine pays one static read.
 */
final class NeverAwaited implements Runnable {
    private static final Cleaner CLEANER = Cleaner.create();
    private static volatile int debugLoops;

    private final String coroutine;
    private final Throwable createdAt;
    private volatile boolean started;

    private NeverAwaited(String coroutine) {
        this.coroutine = coroutine;
        this.createdAt = new Throwable("the coroutine was created here");
    }

    static synchronized void debugLoops(int change) {
        debugLoops += change;
    }

    static boolean tracking() {
        return debugLoops > 0;
    }

    /** Watches {@code coroutine}; the result must be marked {@link #started()} when it runs. */
    static NeverAwaited watch(Coroutine<?> coroutine) {
        NeverAwaited watcher = new NeverAwaited(coroutine.toString());
        CLEANER.register(coroutine, watcher);
        return watcher;
    }

    void started() {
        started = true;
    }

    @Override
    public void run() {
        if (!started) {
            EventLoop.logDefault(new ExceptionContext(coroutine + " was never awaited", createdAt, null));
        }
    }
}
