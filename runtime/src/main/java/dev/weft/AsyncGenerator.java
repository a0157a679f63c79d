package dev.weft;

import static dev.weft.WovenCode.$SUSPENDED;
import static dev.weft.WovenCode.$resumed;

/**
 * The object an {@link Async} method returning {@code AsyncGenerator<T>} produces: Python's async
 * generator. Its body runs a little at each {@link #hasNext()}, up to the next
 * {@code Await.yield(value)}.
 *
 * <pre>{@code
 * @Async
 * static AsyncGenerator<Integer> countdown(int n) {
 *     while (n > 0) {
 *         Await.on(Asyncio.sleep(0.01));
 *         Await.yield(n--);
 *     }
 *     return AsyncGenerator.end();
 * }
 *
 * for (int x : Await.each(countdown(3))) { ... }   // async for x in countdown(3)
 * }</pre>
 *
 * <p>A generator is its own iterator, and the coroutine {@link #hasNext()} returns is the generator
 * itself, so stepping it allocates nothing. One consumer at a time: a {@code hasNext()} awaited
 * while the generator is still running throws {@link IllegalStateException}.
 *
 * <p>From its first {@code hasNext()} until it finishes, the loop it runs on tracks the generator
 * weakly, and {@link EventLoop#shutdownAsyncgens()} (which {@link Asyncio#run} awaits at its end)
 * closes it if it is still unfinished: the {@code finally} blocks of a generator iterated by hand
 * and dropped still run, unless it was collected first.
 *
 * @param <T> the type of the values it yields
 */
public abstract class AsyncGenerator<T> extends Coroutine<Boolean> implements AsyncIterator<T>, AsyncIterable<T>, AsyncCloseable {
    private T current;
    /** {@link #current} was yielded and {@link #next()} has not taken it yet: {@code hasNext()} must not move on. */
    private boolean holdsCurrent;
    private boolean running;
    private boolean started;
    private boolean finished;
    /** Its entry in the loop's started generators, from its first start until it finishes. */
    private StartedGenerators.Entry tracked;

    /**
     * For woven generator frames.
     *
     * @hidden
     */
    protected AsyncGenerator() {
    }

    /** Python's {@code return} inside an async generator: ends it. */
    public static <T> AsyncGenerator<T> end() {
        return null;
    }

    /** For {@link WovenCode#$yield}: {@code value} goes to the consumer; returns the step's result saying so. */
    @SuppressWarnings("unchecked")
    final Object yielded(Object value) {
        current = (T) value;
        return Boolean.TRUE;
    }

    /**
     * Runs the woven body from its current label.
     *
     * @hidden
     */
    protected abstract Object $generate();

    @Override
    protected final Object $step() {
        if (finished) {
            // A hasNext() coroutine kept and awaited again after the end: there is nothing more.
            running = false;
            return Boolean.FALSE;
        }
        Object outcome;
        try {
            outcome = $generate();
        } catch (Throwable failure) {
            running = false;
            finish();
            throw failure;
        }
        if (outcome != $SUSPENDED) {
            running = false;
            if (outcome == Boolean.TRUE) {
                holdsCurrent = true;
            } else {
                finish();
            }
        }
        return outcome;
    }

    private void finish() {
        finished = true;
        if (tracked != null) {
            tracked.remove();
            tracked = null;
        }
    }

    @Override
    void start(Task<?> task, Coroutine<?> caller) {
        if (running) {
            throw new IllegalStateException("async generator " + this + " is already running: it cannot be"
                    + " iterated by two consumers at once (await one hasNext() before asking for the next)");
        }
        running = true;
        if (!started) {
            started = true;
            tracked = task.loop().asyncgenStarted(this);
        }
        this.task = task;
        this.caller = caller;
    }

    /**
     * Python's {@code __anext__}, first half: awaits the next value; false once the generator ended.
     * Until {@link #next()} takes the value, awaiting it again completes with true at once and
     * runs nothing of the body.
     */
    @Override
    public Coroutine<Boolean> hasNext() {
        if (finished || holdsCurrent) {
            return Coroutine.of(!finished);
        }
        return this;
    }

    /** The value of the last {@code hasNext()} that completed with true. */
    @Override
    public T next() {
        holdsCurrent = false;
        return current;
    }

    /** An async generator is its own iterator. */
    @Override
    public AsyncIterator<T> iterator() {
        return this;
    }

    /**
     * Python's {@code aclose()}: throws {@link GeneratorExit} into the generator at its current
     * {@code Await.yield}, so its {@code finally} blocks run (and may await).
     */
    @Override
    public Coroutine<Void> aclose() {
        return new Closing();
    }

    /** Whether the generator has ended (returned, failed or been closed). */
    public boolean isFinished() {
        return finished;
    }

    /** The coroutine of {@link #aclose()}. */
    private final class Closing extends Coroutine<Void> {
        private boolean resumed;

        @Override
        protected Object $step() {
            AsyncGenerator<T> generator = AsyncGenerator.this;
            if (!resumed) {
                resumed = true;
                if (!generator.started || generator.finished) {
                    generator.finished = true;
                    return null;
                }
                if (generator.running) {
                    throw new IllegalStateException("aclose(): async generator " + generator + " is already running:"
                            + " close it from the coroutine that iterates it, or after its pending hasNext() completes");
                }
                generator.start(task, this);
                task.resumeWithError(new GeneratorExit());
                generator.depth = (short) (depth + 1);
                Object outcome;
                try {
                    outcome = generator.$step();
                } catch (GeneratorExit expected) {
                    return null;
                }
                return afterExit(outcome);
            }
            try {
                return afterExit($resumed(this));
            } catch (GeneratorExit expected) {
                return null;
            }
        }

        private Object afterExit(Object outcome) {
            if (outcome == Boolean.TRUE) {
                throw new IllegalStateException("async generator " + AsyncGenerator.this
                        + " yielded a value while being closed; it must not catch GeneratorExit");
            }
            return outcome == $SUSPENDED ? outcome : null;
        }
    }
}
