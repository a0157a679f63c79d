package dev.weft;

/**
 * The coroutine of {@code Asyncio.sleep(0)}, the usual way to let other tasks run: gives the loop
 * exactly one turn. Kept apart from {@link Sleep} because it needs none of a timer's state, and
 * it is the coroutine that busy loops allocate most.
 */
final class YieldOnce extends Coroutine<Void> {
    private boolean yielded;

    @Override
    protected Object $step() {
        if (!yielded) {
            yielded = true;
            task.yieldFrom(this);
            return $SUSPENDED;
        }
        $resumed(this);
        return null;
    }
}
