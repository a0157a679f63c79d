package dev.weft.internal;

import dev.weft.EventLoop;
import java.util.List;

/**
 * Internal, not part of Weft's API: may change in any release. Lets a test framework (the
 * {@code weft-test} module's {@code WeftExtension}) configure every {@link EventLoop} made on one
 * thread and see what each one leaves behind when it closes.
 *
 * <p>It costs nothing while none is installed: a loop reads the thread's observer once, when it is
 * made, and an unobserved loop never looks again.
 *
 * @hidden
 */
public interface LoopObserver {
    /** Whether the loops made on the observed thread run on a virtual clock ({@link EventLoop#withVirtualTime()}). */
    boolean virtualTime();

    /** {@code loop} was just made on the observed thread, e.g. to put it in debug mode. */
    void created(EventLoop loop);

    /**
     * {@code loop} has closed, leaving {@code leftovers}; called on the thread that closed it, which
     * may not be the observed one (a loop made by {@code EventLoop.startOnNewThread}).
     */
    void closed(EventLoop loop, Leftovers leftovers);

    /**
     * What a loop left behind, each entry a description of one culprit with where it was created:
     * tasks still pending when it finished (before {@code Asyncio.run} cancelled them), failures
     * nobody retrieved, coroutines created while it ran and never awaited (debug mode), and steps
     * that held it longer than its slow-callback duration (debug mode).
     */
    record Leftovers(List<String> pendingTasks, List<String> unretrievedFailures, List<String> neverAwaited,
                     List<String> slowSteps) {
    }

    /** Observes the loops made on the calling thread from now on; null stops observing. */
    static void install(LoopObserver observer) {
        Installed.OBSERVER.set(observer);
    }

    /** The calling thread's observer, or null. */
    static LoopObserver installed() {
        return Installed.OBSERVER.get();
    }
}

/** Holds the per-thread observer out of the interface's public constants. */
final class Installed {
    static final ThreadLocal<LoopObserver> OBSERVER = new ThreadLocal<>();

    private Installed() {
    }
}
