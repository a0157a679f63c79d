package dev.weft;

import static dev.weft.WovenCode.$await;
import static dev.weft.WovenCode.$resumed;

/**
 * A runtime coroutine that starts its operation when it is first awaited (not when it is made, so
 * that, as with an {@code @Async} method, an operation nobody awaits never runs) and then awaits
 * the future the operation completes.
 */
final class Deferred<T> extends Coroutine<T> {
    /** Starts the operation on the awaiting task's loop. */
    @FunctionalInterface
    interface Start<T> {
        BaseFuture<T, ?> on(EventLoop loop) throws Exception;
    }

    private final Start<T> start;
    private boolean started;

    Deferred(Start<T> start) {
        this.start = start;
    }

    @Override
    protected Object $step() {
        if (started) {
            return $resumed(this);
        }
        started = true;
        BaseFuture<T, ?> future;
        try {
            future = start.on(task.loop());
        } catch (Exception e) {
            throw Exceptions.sneaky(e);
        }
        return $await(this, future);
    }
}
