package dev.weft;

/**
 * A deadline for a block of async code: Python's {@code asyncio.Timeout}, made by
 * {@link Asyncio#timeout} and {@link Asyncio#timeoutAt}, used as try-with-resources inside an
 * {@link Async} method.
 *
 * <pre>{@code
 * try (var t = Asyncio.timeout(2.0)) {     // async with asyncio.timeout(2.0) as t:
 *     Await.on(slowFetch());
 * }                                        // throws TimeoutError if the deadline passed
 * }</pre>
 *
 * <p>When the deadline passes, the task is cancelled: the body's current {@code Await.on} throws
 * {@link CancelledError}, {@code finally} blocks run, and leaving the block turns that
 * cancellation into {@link TimeoutError}. Only the cancellation this scope caused is converted: in
 * nested scopes only the expired one throws {@code TimeoutError}, and a cancellation from outside
 * passes through unchanged (the task's {@link Task#cancelling()} count tells them apart).
 *
 * <p>Differs from Python in one respect: the scope is entered when it is created (Java's
 * try-with-resources has no enter step), so create it in the {@code try (...)} header.
 */
public final class Timeout implements AsyncCloseable, Scopes.Exit {
    private enum State {
        ENTERED("active"), EXPIRING("expiring"), EXPIRED("expired"), EXITED("finished");

        final String label;

        State(String label) {
            this.label = label;
        }
    }

    private final EventLoop loop;
    private final Task<?> task;
    /** The task's cancellation requests on entry: more than this on exit are not ours. */
    private final int cancellingOnEntry;
    private State state = State.ENTERED;
    private double when;
    private TimerHandle timer;

    /** Rejects a NaN timeout, the one value that is neither a time nor "none"; {@code what} names it. */
    static void requireSeconds(double timeout, String what) {
        if (Double.isNaN(timeout)) {
            throw new IllegalArgumentException(what + " of NaN: give a number of seconds, or Double.POSITIVE_INFINITY for none");
        }
    }

    Timeout(Task<?> task, double when) {
        requireSeconds(when, "a timeout");
        this.task = task;
        this.loop = task.getLoop();
        this.cancellingOnEntry = task.cancelling();
        reschedule(when);
    }

    /** The task running now; a timeout needs one to cancel. */
    static Task<?> enclosingTask(String what) {
        Task<?> task = Asyncio.currentTask();
        if (task == null) {
            throw new IllegalStateException(what + " must be used inside a task: create it in an @Async method run by"
                    + " Asyncio.run or Asyncio.createTask." + Await.notWovenHint());
        }
        return task;
    }

    /** Python's {@code when()}: the deadline in loop time; {@code Double.POSITIVE_INFINITY} for none. */
    public double when() {
        return when;
    }

    /**
     * Python's {@code reschedule(when)}: moves the deadline to loop time {@code when}
     * ({@code Double.POSITIVE_INFINITY} removes it). A deadline already past expires at the loop's
     * next turn. Only possible before the scope has expired or been left.
     */
    public void reschedule(double when) {
        if (state != State.ENTERED) {
            throw new IllegalStateException("cannot reschedule a timeout that is " + state.label
                    + ": only an active timeout can move");
        }
        this.when = when;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        if (when != Double.POSITIVE_INFINITY) {
            timer = loop.callAt(when, this::expire);
        }
    }

    /** Python's {@code expired()}: whether the deadline passed while the block ran. */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    private void expire() {
        timer = null;
        task.cancel();
        state = State.EXPIRING;
    }

    /** Leaving the block normally: cancels the deadline. */
    @Override
    public Coroutine<Void> aclose() {
        leave(null);
        return Coroutine.done();
    }

    /**
     * What woven try-with-resources calls when the block ends (Python's {@code __aexit__}); users
     * leave the block instead of calling it.
     *
     * @hidden
     */
    @Override
    public Coroutine<Throwable> exit(Throwable bodyError) {
        return Coroutine.of(leave(bodyError));
    }

    /** Python's {@code __aexit__}: the exception the block ends with. */
    Throwable leave(Throwable bodyError) {
        if (state != State.ENTERED && state != State.EXPIRING) {
            throw new IllegalStateException("this timeout is " + state.label + ": a Timeout scope is left once");
        }
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            if (task.uncancel() <= cancellingOnEntry && bodyError instanceof CancelledError) {
                return new TimeoutError(bodyError);
            }
        } else {
            state = State.EXITED;
        }
        return bodyError;
    }

    /** Python's repr: {@code <Timeout [active] when=12.5>}, {@code <Timeout [expired]>}, {@code <Timeout [finished]>}. */
    @Override
    public String toString() {
        if (state != State.ENTERED) {
            return "<Timeout [" + state.label + "]>";
        }
        return "<Timeout [active] when=" + (when == Double.POSITIVE_INFINITY ? "None" : when) + ">";
    }
}
