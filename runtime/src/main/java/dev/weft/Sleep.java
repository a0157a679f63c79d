package dev.weft;

/**
 * The coroutine of {@link Asyncio#sleep}: suspends its task for a while, or for exactly one loop
 * turn when the delay is zero or negative.
 */
final class Sleep<T> extends Coroutine<T> {
    private final double delay;
    private final T result;
    private TimerHandle timer;
    private boolean resumed;

    Sleep(double delay, T result) {
        if (Double.isNaN(delay)) {
            throw new IllegalArgumentException("sleep(NaN): the delay must be a number of seconds");
        }
        this.delay = delay;
        this.result = result;
    }

    @Override
    protected Object $step() {
        if (!resumed) {
            resumed = true;
            if (delay <= 0) {
                task.yieldFrom(this);
            } else {
                EventLoop loop = task.loop();
                Future<Void> wakeUp = new Future<>(loop);
                timer = loop.callLater(delay, () -> {
                    if (!wakeUp.isDone()) {
                        wakeUp.setResult(null);
                    }
                });
                task.suspendOn(this, wakeUp);
            }
            return $SUSPENDED;
        }
        if (timer != null) {
            timer.cancel();
        }
        $resumed(this);
        return result;
    }
}
