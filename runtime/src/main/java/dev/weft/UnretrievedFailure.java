package dev.weft;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The failure of a future or task that nobody has looked at yet: Python's "Task exception was
 * never retrieved". It is reported once, when its future is garbage-collected or when its loop
 * closes, whichever comes first, unless someone retrieves the exception before.
 *
 * <p>This object deliberately holds no reference to the future, so the {@link Cleaner} can
 * notice when the future becomes unreachable.
 */
final class UnretrievedFailure implements Runnable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final EventLoop loop;
    private final Throwable error;
    private final String what;
    /** Where the failed task was created, in debug mode; else empty. */
    private final String createdAt;
    private final AtomicBoolean settled = new AtomicBoolean();

    private UnretrievedFailure(EventLoop loop, Throwable error, String what, String createdAt) {
        this.loop = loop;
        this.error = error;
        this.what = what;
        this.createdAt = createdAt;
    }

    /** Starts watching {@code future}, which has just failed with {@code error}. */
    static UnretrievedFailure watch(BaseFuture<?, ?> future, Throwable error) {
        String kind = future instanceof Task<?> ? "Task" : "Future";
        UnretrievedFailure failure = new UnretrievedFailure(future.loop, error,
                kind + " exception was never retrieved: " + future,
                future instanceof Task<?> task ? TaskDump.createdAt(task) : "");
        future.loop.trackUnretrieved(failure);
        CLEANER.register(future, failure);
        return failure;
    }

    /** For a loop's observer: what failed, with what, and where the failed task was created when known. */
    String describe() {
        return what + TaskDump.where(", thrown at ", error.getStackTrace()) + createdAt;
    }

    /** Someone saw the exception: nothing to report. */
    void retrieved() {
        if (settled.compareAndSet(false, true)) {
            loop.untrackUnretrieved(this);
        }
    }

    /** The loop is closing: report now, on the loop's thread. */
    void reportOnClose() {
        if (settled.compareAndSet(false, true)) {
            loop.callExceptionHandler(new ExceptionContext(what, error, null));
        }
    }

    /** Runs on the cleaner's thread once the future is unreachable. */
    @Override
    public void run() {
        if (loop.observed() && !loop.isClosed()) {
            return; // the loop's observer hears of it when the loop closes, whenever the future is collected
        }
        if (!settled.compareAndSet(false, true)) {
            return;
        }
        loop.untrackUnretrieved(this);
        ExceptionContext context = new ExceptionContext(what, error, null);
        if (loop.isRunning()) {
            try {
                loop.callSoonThreadsafe(() -> loop.callExceptionHandler(context));
                return;
            } catch (IllegalStateException closedMeanwhile) {
                // the loop closed meanwhile: report directly
            }
        }
        EventLoop.logDefault(context);
    }
}
