package dev.weft;

/**
 * A meeting point for a fixed number of coroutines: Python's {@code asyncio.Barrier}. Each party
 * {@link #await()}s; when the last one arrives, all of them continue, and the barrier can be used
 * again.
 *
 * <pre>{@code
 * Barrier ready = new Barrier(3);
 *
 * // in each of 3 workers:
 * int index = Await.on(ready.await());   // 0, 1 or 2: the order of arrival
 * }</pre>
 *
 * <p>As in Python, the barrier goes through phases: <em>filling</em> (parties arrive),
 * <em>draining</em> (the released parties leave; newcomers wait for the next round),
 * <em>resetting</em> ({@link #reset()} while parties wait: they fail with
 * {@link BrokenBarrierError}) and <em>broken</em> ({@link #abort()}: every wait fails until a
 * reset). {@link #reset()} and {@link #abort()} are plain methods here: they never need to wait.
 */
public final class Barrier {
    private enum State { FILLING, DRAINING, RESETTING, BROKEN }

    private final int parties;
    /** Every waiter is woken at each change of state and checks again what it waits for. */
    private final WaiterQueue waiters = new WaiterQueue();
    private State state = State.FILLING;
    /** Parties inside the barrier: arrived in this round, or released and not yet gone. */
    private int count;

    /**
     * A barrier for {@code parties} coroutines.
     *
     * @throws IllegalArgumentException if {@code parties} is less than 1
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("a barrier needs at least 1 party, not " + parties);
        }
        this.parties = parties;
    }

    /**
     * Python's {@code wait()}: waits until {@link #parties()} coroutines have arrived and completes
     * with this caller's arrival index, from 0 to {@code parties - 1}. The name {@code wait} belongs
     * to {@link Object}.
     *
     * @throws BrokenBarrierError (when awaited) if the barrier is broken, or reset or aborted meanwhile
     */
    public Coroutine<Integer> await() {
        return new Arrival();
    }

    /**
     * Python's {@code reset()}: waiting parties fail with {@link BrokenBarrierError}, and the barrier
     * returns to filling once they have left (at once if nobody is inside). Also repairs a broken
     * barrier.
     */
    public void reset() {
        waiters.checkThread("Barrier.reset");
        changeState(count > 0 ? State.RESETTING : State.FILLING);
    }

    /** Python's {@code abort()}: breaks the barrier; current and future waits fail until {@link #reset()}. */
    public void abort() {
        waiters.checkThread("Barrier.abort");
        changeState(State.BROKEN);
    }

    /** Python's {@code parties}. */
    public int parties() {
        return parties;
    }

    /** Python's {@code n_waiting}: how many parties wait in the current filling round. */
    public int waiting() {
        return state == State.FILLING ? count : 0;
    }

    /** Python's {@code broken}. */
    public boolean isBroken() {
        return state == State.BROKEN;
    }

    private void changeState(State next) {
        state = next;
        waiters.wakeAll(Boolean.TRUE);
    }

    /** A party leaves; the last one to leave a draining or resetting barrier opens the next round. */
    private void leave() {
        count--;
        if (count == 0 && (state == State.DRAINING || state == State.RESETTING)) {
            changeState(State.FILLING);
        }
    }

    @Override
    public String toString() {
        String s = "Barrier[" + state.name().toLowerCase(java.util.Locale.ROOT);
        if (state == State.FILLING) {
            s += ", waiters:" + count + "/" + parties;
        }
        return s + "]";
    }

    /** The coroutine of {@link #await()}: wait to be let in, arrive, wait for the round to fill. */
    private final class Arrival extends Waiting<Integer> {
        /** This party's index once it has arrived; -1 while it waits for a draining round to end. */
        private int index = -1;

        @Override
        WaiterQueue queue() {
            return waiters;
        }

        @Override
        Object begin() {
            return enterOrWait();
        }

        @Override
        Object woken(Object value) {
            return index < 0 ? enterOrWait() : releasedOrWait();
        }

        @Override
        void abandon(Object wokenWith, Throwable error) {
            if (index >= 0) {
                leave();
            }
        }

        /** Newcomers wait while the previous round drains or resets. */
        private Object enterOrWait() {
            if (state == State.DRAINING || state == State.RESETTING) {
                return waitIn(Barrier.this);
            }
            if (state == State.BROKEN) {
                throw new BrokenBarrierError("Barrier aborted: reset() it before waiting again");
            }
            index = count++;
            if (count == parties) {
                changeState(State.DRAINING);
                leave();
                return index;
            }
            return waitIn(Barrier.this);
        }

        private Object releasedOrWait() {
            if (state == State.FILLING) {
                return waitIn(Barrier.this);
            }
            State released = state;
            leave();
            if (released == State.BROKEN || released == State.RESETTING) {
                throw new BrokenBarrierError("Barrier " + (released == State.BROKEN ? "aborted" : "reset") + " while waiting");
            }
            return index;
        }
    }
}
