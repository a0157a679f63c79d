package dev.weft;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Bridges {@link CompletionStage}s, completed on any thread, to futures of one loop, futures of one
 * loop to {@link CompletableFuture}s, and so futures of one loop to futures of another.
 */
final class Stages {
    private Stages() {
    }

    /** What {@link #outcomeNow} returns for a stage that is not complete yet. */
    static final Object NOT_DONE = new Object();

    /**
     * The value of a stage that is already complete, read without a trip through the loop (as a
     * done future's is); throws its exception, unwrapped, or {@link CancelledError} if it was
     * cancelled. {@link #NOT_DONE} when it is not complete yet, or when it cannot tell: a
     * {@link CompletableFuture} is its own {@code toCompletableFuture()}, but other stages may not
     * support it (nor may a {@code minimalCompletionStage}, though it is a CompletableFuture, answer
     * {@code isDone()}).
     */
    static Object outcomeNow(CompletionStage<?> stage) {
        CompletableFuture<?> future;
        try {
            future = stage.toCompletableFuture();
            if (!future.isDone()) {
                return NOT_DONE;
            }
        } catch (UnsupportedOperationException opaque) {
            return NOT_DONE;
        }
        try {
            return future.getNow(null);
        } catch (CancellationException cancelled) {
            throw new CancelledError(cancelled.getMessage());
        } catch (CompletionException failed) {
            Throwable cause = unwrap(failed);
            if (cause instanceof CancellationException cancelled) {
                throw new CancelledError(cancelled.getMessage());
            }
            throw Exceptions.sneaky(cause);
        }
    }

    static <T> Future<T> toFuture(CompletionStage<T> stage, EventLoop loop) {
        Future<T> future = new Future<>(loop);
        // A loop closed meanwhile has nobody left waiting for the outcome.
        stage.whenComplete((value, error) -> loop.callSoonThreadsafeIfOpen(() -> {
            if (future.isDone()) {
                return;
            }
            if (error == null) {
                future.setResult(value);
            } else {
                Throwable cause = unwrap(error);
                if (cause instanceof CancellationException) {
                    future.cancel(cause.getMessage());
                } else {
                    future.setException(cause);
                }
            }
        }));
        loop.inFlightStarted();
        future.addDoneCallback(f -> {
            loop.inFlightEnded();
            if (f.isCancelled() && stage instanceof CompletableFuture<?> cf) {
                cf.cancel(false);
            }
        });
        return future;
    }

    /**
     * For {@link BaseFuture#toCompletableFuture()}: a future completed, on {@code source}'s loop,
     * with its result or original exception, or a {@link CancelledError} carrying its cancel
     * message; cancelling it cancels {@code source} through its loop.
     */
    static <T> CompletableFuture<T> toCompletableFuture(BaseFuture<T, ?> source) {
        CompletableFuture<T> target = new CompletableFuture<>();
        link(source, target);
        return target;
    }

    /** Completes {@code target} as {@code source} ends; cancelling {@code target} cancels {@code source}. Any thread. */
    static <T> void link(BaseFuture<T, ?> source, CompletableFuture<T> target) {
        EventLoop loop = source.loop;
        if (EventLoop.runningOrNull() == loop) {
            source.addDoneCallback(done -> settle(target, done));
        } else if (loop.isClosed()) {
            // closed is volatile and set after the loop's last step: source's state is visible.
            if (!source.isDone()) {
                throw new IllegalStateException(source + " belongs to a closed event loop: it will never complete");
            }
            settle(target, source);
        } else {
            loop.callSoonThreadsafe(() -> source.addDoneCallback(done -> settle(target, done)));
        }
        target.whenComplete((value, error) -> {
            if (target.isCancelled()) {
                cancelFromAnyThread(source);
            }
        });
    }

    /** Completes {@code target} as {@code done} ended; runs on {@code done}'s loop. */
    static <T> void settle(CompletableFuture<T> target, BaseFuture<T, ?> done) {
        Throwable error = done.failureOrNull();
        if (error != null) {
            target.completeExceptionally(error);
        } else {
            target.complete(done.rawResult());
        }
    }

    /** Cancels {@code future} on its own loop, from whichever thread; nothing if that loop is closed. */
    static void cancelFromAnyThread(BaseFuture<?, ?> future) {
        if (EventLoop.runningOrNull() == future.loop) {
            future.cancel();
        } else {
            future.loop.callSoonThreadsafeIfOpen(future::cancel);
        }
    }

    /**
     * A future of {@code loop} that follows {@code source}, a future of another loop, so that a
     * coroutine awaiting it resumes on its own loop. Cancelling it stops the wait at once and
     * cancels {@code source} too, as awaiting a task of the same loop does (and as asyncio's
     * {@code wrap_future} does with the future it wraps).
     */
    static <T> Future<T> fromOtherLoop(BaseFuture<T, ?> source, EventLoop loop) {
        return toFuture(toCompletableFuture(source), loop);
    }

    static Throwable unwrap(Throwable error) {
        while ((error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }
}
