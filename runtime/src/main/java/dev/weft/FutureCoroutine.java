package dev.weft;

import static dev.weft.WovenCode.$await;
import static dev.weft.WovenCode.$resumed;

/**
 * A coroutine that awaits one future and returns its result: how the runtime's own operations
 * ({@code gather}, {@code sleep}, ...) present themselves as {@link Coroutine}s without weaving.
 */
class FutureCoroutine<T> extends Coroutine<T> {
    private final BaseFuture<T, ?> future;
    private boolean resumed;

    FutureCoroutine(BaseFuture<T, ?> future) {
        this.future = future;
    }

    @Override
    protected Object $step() {
        if (!resumed) {
            resumed = true;
            return $await(this, future);
        }
        return $resumed(this);
    }
}
