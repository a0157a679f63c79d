package dev.weft;

import java.util.function.Consumer;

/**
 * The future behind {@link Asyncio#shield}: Python's {@code shield}. It mirrors an inner future's
 * outcome, but cancelling it leaves the inner one running; if the inner work then fails, its
 * failure goes to the loop's exception handler, since nobody is left to await it.
 */
final class Shield {
    private Shield() {
    }

    static <T> BaseFuture<T, ?> of(EventLoop loop, Awaitable<T> awaitable) {
        BaseFuture<T, ?> inner = loop.ensureFuture(awaitable);
        if (inner.isDone()) {
            return inner;
        }
        Future<T> outer = new Future<>(loop);
        Consumer<BaseFuture<T, ?>> mirror = done -> {
            if (outer.isCancelled()) {
                done.failureOrNull(); // the outer awaiter is gone; nobody else will look
                return;
            }
            if (done.isCancelled()) {
                outer.cancel();
                return;
            }
            Throwable failure = done.failureOrNull();
            if (failure != null) {
                outer.setException(failure);
            } else {
                outer.setResult(done.rawResult());
            }
        };
        inner.addDoneCallback(mirror);
        outer.addDoneCallback(o -> {
            if (!inner.isDone()) {
                // Nobody awaits the inner work any more: a later failure would otherwise go unseen.
                inner.removeDoneCallback(mirror);
                inner.addDoneCallback(Shield::reportFailure);
            }
        });
        return outer;
    }

    private static void reportFailure(BaseFuture<?, ?> inner) {
        Throwable failure = inner.isCancelled() ? null : inner.failureOrNull();
        if (failure != null) {
            inner.loop.callExceptionHandler(new ExceptionContext(
                    failure.getClass().getSimpleName() + " exception in shielded future", failure, inner));
        }
    }
}
