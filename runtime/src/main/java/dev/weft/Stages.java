package dev.weft;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/** Bridges {@link CompletionStage}s, completed on any thread, to futures of one loop. */
final class Stages {
    private Stages() {
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
                if (cause instanceof java.util.concurrent.CancellationException) {
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
