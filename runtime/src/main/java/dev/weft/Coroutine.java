package dev.weft;

/**
 * A not-yet-finished computation produced by calling an {@link Async} method: Python's coroutine
 * object.
 *
 * <p>Calling an {@code @Async} method runs none of its body; the returned coroutine runs when it
 * is awaited ({@code Await.on}), wrapped in a task ({@link Asyncio#createTask}), or passed to
 * {@link Asyncio#run}. A coroutine runs once: awaiting or scheduling it a second time throws
 * {@link IllegalStateException}.
 *
 * <pre>{@code
 * @Async
 * static Coroutine<Integer> answer() {
 *     Await.on(Asyncio.sleep(0.1));
 *     return Coroutine.of(42);
 * }
 * }</pre>
 *
 * <p>{@code return Coroutine.of(v)} completes with {@code v}; {@code return other()} completes with
 * {@code other()}'s result (a tail await). Inside a {@code try} block — try-with-resources
 * included — {@code return other()} awaits {@code other()} before the block's {@code finally},
 * {@code catch} and resource closing run, as Python's {@code return await other()} does; so a lock
 * or permit held by the block is still held while {@code other()} runs.
 *
 * <h2>The frame protocol</h2>
 * The weaver turns each {@code @Async} method into a subclass of this class (the method's
 * <em>frame</em>) whose {@link #$step()} runs the body from its current label until it returns or
 * suspends. The members marked {@code @hidden} are that protocol: woven code calls them, users
 * never do. They live here, rather than in a separate package, so that the frame state stays
 * package-private and the hot path is a direct static call.
 *
 * <p>A step's result is an object, except on one path: a frame that returns
 * {@code Coroutine.of(anInt)} (or a {@code long}) to a woven await that unboxes it at once, as
 * {@code int x = Await.on(child())} does, hands it over unboxed through its loop
 * ({@code $returnInt}, {@code $awaitUnboxed}); every other consumer sees the box, as before.
 *
 * @param <T> the type of the coroutine's result
 */
public abstract non-sealed class Coroutine<T> implements Awaitable<T> {
    /**
     * Returned by {@link #$step()} and {@link #$await} when the coroutine is waiting.
     *
     * @hidden
     */
    public static final Object $SUSPENDED = new Object() {
        @Override
        public String toString() {
            return "SUSPENDED";
        }
    };

    /**
     * Returned by {@link #$step()} in place of an {@code Integer} result that travels unboxed (see
     * {@link #$returnInt}); the value waits in {@link EventLoop#unboxedResult}.
     */
    private static final Object INT_RESULT = marker("INT_RESULT");
    /** As {@link #INT_RESULT}, for a {@code Long}. */
    private static final Object LONG_RESULT = marker("LONG_RESULT");

    private static Object marker(String name) {
        return new Object() {
            @Override
            public String toString() {
                return name;
            }
        };
    }

    /**
     * How many coroutines may run nested on the Java stack before awaiting hands the next one to
     * the task's trampoline; keeps arbitrarily deep await chains off the Java stack.
     */
    static final int MAX_INLINE_DEPTH = 200;

    private static final byte NEW = 0;
    private static final byte STARTED = 1;

    private byte lifecycle = NEW;
    /** The frame that awaits this one and is resumed with its result. */
    Coroutine<?> caller;
    /** The task driving this frame, set when it starts. */
    Task<?> task;
    /**
     * Nesting depth of this frame on the Java stack below the task's driver, at most
     * {@link #MAX_INLINE_DEPTH} + 1: a short, so that with the state byte it fills the 4 bytes
     * after the header and a small frame is 32 bytes rather than 40.
     */
    short depth;

    /**
     * For woven frames and the runtime's own coroutines; users write {@link Async} methods.
     *
     * @hidden
     */
    protected Coroutine() {
        if (NeverAwaited.tracking() && !(this instanceof Completed) && !(this instanceof AsyncGenerator)) {
            NeverAwaited.watch(this);
        }
    }

    /**
     * Runs the body from its current label.
     *
     * @return the result, or {@link #$SUSPENDED}
     * @hidden
     */
    protected abstract Object $step();

    /** Python's {@code return value} from an {@code async def}. */
    public static <T> Coroutine<T> of(T value) {
        return new Completed<>(value);
    }

    /**
     * Python's bare {@code return} from an {@code async def}: completes with {@code null}. Generic so
     * it also ends a {@code Coroutine<T>} whose result is not needed on this path.
     */
    public static <T> Coroutine<T> done() {
        return new Completed<>(null);
    }

    /**
     * Awaits {@code awaitable} from the woven frame {@code frame}: returns its value when it is
     * available now, otherwise records what the task waits for and returns {@link #$SUSPENDED}.
     *
     * @hidden
     */
    public static Object $await(Coroutine<?> frame, Object awaitable) {
        return $boxed($awaitUnboxed(frame, awaitable), frame);
    }

    /**
     * {@link #$await} for a woven site that unboxes what it awaits at once: an {@code int} or
     * {@code long} result may come back as a marker that {@link #$unboxedInt}/{@link #$unboxedLong}
     * read, rather than as a box.
     *
     * @hidden
     */
    public static Object $awaitUnboxed(Coroutine<?> frame, Object awaitable) {
        if (awaitable instanceof Coroutine<?> child) {
            return frame.awaitChild(child);
        }
        if (awaitable instanceof BaseFuture<?, ?> future) {
            if (future.isDone()) {
                return future.resultOrThrow();
            }
            if (future == frame.task) {
                throw new IllegalStateException("task " + future + " cannot await itself: it would wait forever");
            }
            frame.task.suspendOn(frame, future);
            return $SUSPENDED;
        }
        if (awaitable instanceof java.util.concurrent.CompletionStage<?> stage) {
            return $await(frame, Stages.toFuture(stage, frame.task.loop()));
        }
        if (awaitable == null) {
            throw new NullPointerException("Await.on(null): there is nothing to await");
        }
        throw new IllegalArgumentException("Await.on cannot await a " + awaitable.getClass().getName()
                + ": pass a Coroutine, a Task, a Future or a CompletionStage");
    }

    /**
     * The value a resumed frame continues with, or the exception it must throw at its await.
     *
     * @hidden
     */
    public static Object $resumed(Coroutine<?> frame) {
        return $boxed(frame.task.takeResumption(), frame);
    }

    /**
     * {@link #$resumed} for a woven site that unboxes what it awaited (see {@link #$awaitUnboxed}).
     *
     * @hidden
     */
    public static Object $resumedUnboxed(Coroutine<?> frame) {
        return frame.task.takeResumption();
    }

    /**
     * {@code return Coroutine.of(value)} of an {@code int}, woven: the frame completes with
     * {@code value} without boxing it. The awaiting frame reads it back at once, inline or as the
     * next frame its task steps, before anything else on the loop can run.
     *
     * @hidden
     */
    public static Object $returnInt(int value, Coroutine<?> frame) {
        frame.task.loop.unboxedResult = value;
        return INT_RESULT;
    }

    /**
     * {@link #$returnInt} for a {@code long}.
     *
     * @hidden
     */
    public static Object $returnLong(long value, Coroutine<?> frame) {
        frame.task.loop.unboxedResult = value;
        return LONG_RESULT;
    }

    /**
     * Whether {@code result} is the marker of an unboxed {@code int}.
     *
     * @hidden
     */
    public static boolean $isUnboxedInt(Object result) {
        return result == INT_RESULT;
    }

    /**
     * Whether {@code result} is the marker of an unboxed {@code long}.
     *
     * @hidden
     */
    public static boolean $isUnboxedLong(Object result) {
        return result == LONG_RESULT;
    }

    /**
     * The {@code int} behind an {@link #INT_RESULT} marker just returned to {@code frame}.
     *
     * @hidden
     */
    public static int $unboxedInt(Coroutine<?> frame) {
        return (int) frame.task.loop.unboxedResult;
    }

    /**
     * The {@code long} behind a {@link #LONG_RESULT} marker just returned to {@code frame}.
     *
     * @hidden
     */
    public static long $unboxedLong(Coroutine<?> frame) {
        return frame.task.loop.unboxedResult;
    }

    /**
     * {@code result} as an object: the box of an unboxed result, or {@code result} itself.
     *
     * @hidden
     */
    public static Object $boxed(Object result, Coroutine<?> frame) {
        if (result == INT_RESULT) {
            return Integer.valueOf((int) frame.task.loop.unboxedResult);
        }
        if (result == LONG_RESULT) {
            return Long.valueOf(frame.task.loop.unboxedResult);
        }
        return result;
    }

    private Object awaitChild(Coroutine<?> child) {
        child.start(task, this);
        int childDepth = depth + 1;
        if (childDepth > MAX_INLINE_DEPTH) {
            task.trampolineTo(child);
            return $SUSPENDED;
        }
        child.depth = (short) childDepth;
        return child.$step();
    }

    /** Claims this coroutine for {@code task}, awaited by {@code caller} (null for a task's root). */
    void start(Task<?> task, Coroutine<?> caller) {
        if (lifecycle != NEW) {
            throw new IllegalStateException("coroutine " + this
                    + " was already awaited or scheduled; a coroutine runs once (call the @Async method again for a new one)");
        }
        lifecycle = STARTED;
        NeverAwaited.started(this);
        this.task = task;
        this.caller = caller;
    }

    final boolean isStarted() {
        return lifecycle != NEW;
    }

    @Override
    public String toString() {
        String name = getClass().getName();
        int frameMark = name.indexOf("$$Weft$");
        return "Coroutine[" + (frameMark < 0 ? name : name.substring(0, frameMark) + "." + name.substring(frameMark + 7)) + "]";
    }

    /** The coroutine of {@link #of}: completes at once with its value. */
    private static final class Completed<T> extends Coroutine<T> {
        private final T value;

        Completed(T value) {
            this.value = value;
        }

        @Override
        protected Object $step() {
            return value;
        }
    }
}
