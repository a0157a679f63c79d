package dev.weft;

import static dev.weft.WovenCode.$SUSPENDED;
import static dev.weft.WovenCode.$resumed;

/**
 * The coroutine of {@code Asyncio.sleep(0)} (and of any delay of zero or less), the usual way to
 * let other tasks run: gives the loop exactly one turn, then completes with {@code result}. Kept
 * apart from {@link Sleep} because it needs none of a timer's state, and it is the coroutine that
 * busy loops allocate most.
 */
final class YieldOnce<T> extends Coroutine<T> {
    private final T result;
    private boolean yielded;

    YieldOnce(T result) {
        this.result = result;
    }

    @Override
    protected Object $step() {
        if (!yielded) {
            yielded = true;
            task.yieldFrom(this);
            return $SUSPENDED;
        }
        $resumed(this);
        return result;
    }
}
