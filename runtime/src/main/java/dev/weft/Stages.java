package dev.weft;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/** Bridges {@link CompletionStage}s, completed on any thread, to futures of one loop. */
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
        stage.whenComplete((value, error) -> loop.callSoonThreadsafe(() -> {
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
        future.addDoneCallback(f -> {
            if (f.isCancelled() && stage instanceof CompletableFuture<?> cf) {
                cf.cancel(false);
            }
        });
        return future;
    }

    static Throwable unwrap(Throwable error) {
        while ((error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }
}
