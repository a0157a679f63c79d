package dev.weft;

/** Drives an {@link EventLoop} turn by turn from a test, without weaving. */
final class Turns {
    private Turns() {
    }

    /** Runs one turn of {@code loop}: the callbacks ready now, including task steps. */
    static void turn(EventLoop loop) {
        loop.callSoon(loop::stop);
        loop.runForever();
    }

    /**
     * A runtime coroutine that waits once in {@code queue} and completes with the value it was
     * woken with: the shape of every blocking operation of the primitives.
     */
    static final class Parked extends Waiting<Object> {
        private final WaiterQueue queue;

        Parked(WaiterQueue queue) {
            this.queue = queue;
        }

        @Override
        Object begin() {
            return waitIn("the test's queue");
        }

        @Override
        Object woken(Object value) {
            return value;
        }

        @Override
        WaiterQueue queue() {
            return queue;
        }
    }
}
