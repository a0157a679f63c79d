package dev.weft;

import static dev.weft.WovenCode.$SUSPENDED;

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
 * <h2>The frame contract</h2>
 * The weaver turns each {@code @Async} method into a subclass of this class (the method's
 * <em>frame</em>) whose {@link #$step()} runs the body from its current label until it returns or
 * suspends ({@link WovenCode#$SUSPENDED}); the hooks woven code calls are in {@link WovenCode}.
 * The members marked {@code @hidden} are that contract: users never call them.
 *
 * @param <T> the type of the coroutine's result
 */
public abstract non-sealed class Coroutine<T> implements Awaitable<T> {
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
     * @return the result, or {@link WovenCode#$SUSPENDED}
     * @hidden
     */
    protected abstract Object $step();

    /**
     * Where a woven frame comes from, as {@code "class\tmethod\tfile"}: the source class's binary
     * name, the {@code @Async} method's own name and the source file. The weaver writes it as a
     * constant; the runtime's own coroutines have none.
     *
     * @hidden
     */
    protected String $source() {
        return null;
    }

    /**
     * The source line of the await this woven frame waits at, or last waited at while it runs; before
     * its first step, the line its body starts at. From a constant table the weaver writes, indexed
     * by the frame's state label; -1 for the runtime's own coroutines.
     *
     * @hidden
     */
    protected int $line() {
        return -1;
    }

    /**
     * The stack trace element of this frame at {@code line}, named after its source method; null
     * for the runtime's own coroutines.
     */
    final StackTraceElement elementAt(int line) {
        String source = $source();
        if (source == null) {
            return null;
        }
        int method = source.indexOf('\t');
        int file = source.indexOf('\t', method + 1);
        String fileName = source.substring(file + 1);
        return new StackTraceElement(source.substring(0, method), source.substring(method + 1, file),
                fileName.isEmpty() ? null : fileName, line);
    }

    /** Where this frame waits now (see {@link #$line()}); null for the runtime's own coroutines. */
    final StackTraceElement element() {
        return elementAt($line());
    }

    /**
     * What this coroutine is, for dumps and events: {@code class.method} of a woven frame, else the
     * runtime coroutine's class (an anonymous one by the class it serves).
     */
    final String describe() {
        String source = $source();
        if (source != null) {
            int method = source.indexOf('\t');
            return source.substring(0, method) + "." + source.substring(method + 1, source.indexOf('\t', method + 1));
        }
        Class<?> type = getClass();
        while (type.isAnonymousClass()) {
            type = type.getEnclosingClass();
        }
        String name = type.getName();
        return name.startsWith("dev.weft.") ? name.substring("dev.weft.".length()).replace('$', '.') : name;
    }

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

    /** For {@link WovenCode#$awaitUnboxed}: runs {@code child} inline, or from the trampoline once the stack is deep. */
    final Object awaitChild(Coroutine<?> child) {
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

    /**
     * Python's {@code coro.close()} on a coroutine that never ran, for an API that refuses the
     * coroutine handed to it (as CPython 3.13's {@code TaskGroup.create_task} does): it will not
     * run, awaiting it throws as for one already awaited, and debug mode does not report it as
     * never awaited.
     */
    final void discard() {
        if (lifecycle == NEW) {
            lifecycle = STARTED;
            NeverAwaited.started(this);
        }
    }

    /**
     * {@code last}, ready to be awaited again, if it has run to its end; null if there is none or
     * it has not (handed out and not awaited yet, or waiting), and the caller makes a new one. For
     * the runtime's coroutines handed out call after call, where a new one each time would be
     * garbage: {@code drain()}'s, {@code readInto}'s and {@code asCompleted}'s {@code hasNext()}.
     * Whoever still holds a finished one would await the next call's work with it.
     */
    static <C extends Coroutine<?>> C rearmedOrNull(C last) {
        Coroutine<?> c = last; // a type variable does not see the private state
        if (c == null || c.lifecycle == NEW || c instanceof Waiter<?> waiter && waiter.isWaiting()) {
            return null;
        }
        c.lifecycle = NEW;
        c.task = null;
        c.caller = null;
        return last;
    }

    @Override
    public String toString() {
        String name = getClass().getName();
        int frameMark = name.indexOf(WovenCode.FRAME_MARK);
        return "Coroutine[" + (frameMark < 0 ? name
                : name.substring(0, frameMark) + "." + name.substring(frameMark + WovenCode.FRAME_MARK.length())) + "]";
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
