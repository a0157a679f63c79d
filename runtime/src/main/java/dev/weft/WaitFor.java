package dev.weft;

import static dev.weft.WovenCode.$SUSPENDED;
import static dev.weft.WovenCode.$await;
import static dev.weft.WovenCode.$resumed;

/**
 * The coroutine of {@link Asyncio#waitFor}: Python's {@code wait_for} (3.12 and later).
 *
 * <p>With a positive timeout the awaitable is awaited inline inside a {@link Timeout} scope, so a
 * coroutine runs in the caller's task and the timeout cancels it at its current await. With a
 * timeout of zero or less the awaitable becomes a future that is cancelled at once unless it is
 * already done, and the coroutine waits for that cancellation to finish.
 */
final class WaitFor<T> extends Coroutine<T> {
    private final Awaitable<T> awaitable;
    private final double timeout;
    private Timeout scope;
    private BaseFuture<T, ?> cancelling;
    private boolean begun;

    private WaitFor(Awaitable<T> awaitable, double timeout) {
        this.awaitable = awaitable;
        this.timeout = timeout;
    }

    /**
     * Checks the arguments before the coroutine exists: a refused call leaves nothing that debug
     * mode would report as never awaited.
     */
    static <T> WaitFor<T> of(Awaitable<T> awaitable, double timeout) {
        if (awaitable == null) {
            throw new NullPointerException("waitFor(null, ...): pass the coroutine or future to wait for");
        }
        Timeout.requireSeconds(timeout, "a waitFor timeout");
        return new WaitFor<>(awaitable, timeout);
    }

    @Override
    protected Object $step() {
        if (!begun) {
            begun = true;
            return timeout > 0 ? awaitWithin() : cancelUnlessDone();
        }
        return cancelling != null ? afterCancel() : leave();
    }

    private Object awaitWithin() {
        EventLoop loop = task.getLoop();
        scope = new Timeout(task, timeout == Double.POSITIVE_INFINITY ? timeout : loop.time() + timeout);
        Object outcome;
        try {
            outcome = $await(this, awaitable);
        } catch (Throwable failure) {
            throw Exceptions.sneaky(scope.leave(failure));
        }
        if (outcome == $SUSPENDED) {
            return $SUSPENDED;
        }
        scope.leave(null);
        return outcome;
    }

    private Object leave() {
        Object value;
        try {
            value = $resumed(this);
        } catch (Throwable failure) {
            throw Exceptions.sneaky(scope.leave(failure));
        }
        scope.leave(null);
        return value;
    }

    private Object cancelUnlessDone() {
        BaseFuture<T, ?> future = task.getLoop().ensureFuture(awaitable);
        if (future.isDone()) {
            return future.resultOrThrow();
        }
        cancelling = future;
        future.cancel();
        // Wait on a separate future, so that cancelling this task does not cancel the work twice.
        Future<Void> finished = new Future<>(task.getLoop());
        future.addDoneCallback(f -> {
            if (!finished.isDone()) {
                finished.setResult(null);
            }
        });
        return $await(this, finished);
    }

    private Object afterCancel() {
        $resumed(this);
        try {
            return cancelling.resultOrThrow();
        } catch (CancelledError cancelled) {
            throw new TimeoutError(cancelled);
        }
    }
}
