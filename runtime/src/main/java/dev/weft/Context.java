package dev.weft;

import java.util.concurrent.Callable;

/**
 * A set of {@link ContextVar} values: Python's {@code contextvars.Context}.
 *
 * <p>Every thread has a current context. Each task runs in a context of its own, a copy of the
 * one current when the task was created (or the one given to
 * {@link EventLoop#createTask(Coroutine, String, Context)}), so that a value a task sets is seen
 * by that task and the tasks it creates afterwards, never by its parent or siblings.
 * {@link Asyncio#toThread} and {@link EventLoop#runInExecutor} run their call in a copy of the
 * caller's context.
 *
 * <pre>{@code
 * Context snapshot = Context.copyContext();     // ctx = contextvars.copy_context()
 * snapshot.run(() -> requestId.set("r-42"));    // ctx.run(request_id.set, "r-42")
 * snapshot.get(requestId);                      // "r-42"; the current context is unchanged
 * }</pre>
 *
 * <p>A context holds an immutable array of bindings that a {@link ContextVar#set} replaces, so a
 * copy costs one small object and shares the bindings. Until the first {@code ContextVar.set} or
 * {@code run}, tasks neither copy nor switch contexts.
 *
 * <p>Differs from Python: callbacks ({@code callSoon}, {@code callLater}, done callbacks) run in
 * the context of the loop's thread rather than in a copy of their registrar's.
 */
public final class Context {
    private static final Object[] EMPTY = {};
    private static final ThreadLocal<Slot> CURRENT = ThreadLocal.withInitial(Slot::new);

    /**
     * Whether any context was ever entered or any variable set. Written by the thread that does
     * so; another thread can only meet that context through a hand-over that publishes it, so a
     * plain field is enough. While false, tasks skip the context switch altogether.
     */
    static boolean used;

    /**
     * {@code [var0, value0, var1, value1, ...]}: replaced, never modified, so copies share it. Few
     * variables exist in practice, so a linear scan beats hashing.
     */
    private Object[] bindings;
    private volatile boolean entered;

    private Context(Object[] bindings) {
        this.bindings = bindings;
    }

    /** Python's {@code contextvars.Context()}: a new, empty context. */
    public Context() {
        this(EMPTY);
    }

    /** A thread's current context; null stands for an empty one that nobody has needed yet. */
    static final class Slot {
        Context current;
    }

    /** The calling thread's slot. */
    static Slot slot() {
        return CURRENT.get();
    }

    /** Python's {@code contextvars.copy_context()}: a copy of the current context. */
    public static Context copyContext() {
        Context current = slot().current;
        return new Context(current == null ? EMPTY : current.bindings);
    }

    /** Python's {@code Context.copy()}: a context with the same values, which then changes apart from this one. */
    public Context copy() {
        return new Context(bindings);
    }

    /** A copy of the current context, or null when it is empty (nothing to carry). */
    static Context copyOfCurrentOrNull() {
        Context current = slot().current;
        return current == null || current.bindings.length == 0 ? null : new Context(current.bindings);
    }

    /**
     * Python's {@code Context.run}: runs {@code action} with this context current, so that the
     * variables it sets are set here; restores the previous context afterwards.
     *
     * @throws IllegalStateException if this context is already entered (on any thread, or by the
     *                               task whose context it is, during its step)
     */
    public void run(Runnable action) {
        try {
            call(() -> {
                action.run();
                return null;
            });
        } catch (Exception unchecked) {
            // A Runnable throws no checked exception: this is one of its own, passed on unchanged.
            throw Exceptions.sneaky(unchecked);
        }
    }

    /** {@link #run(Runnable)} for an action with a result: Python's {@code ctx.run(f, *args)} returns f's result. */
    public <T> T call(Callable<T> action) throws Exception {
        Slot slot = enter();
        Context previous = slot.current;
        slot.current = this;
        try {
            return action.call();
        } finally {
            slot.current = previous;
            entered = false;
        }
    }

    private synchronized Slot enter() {
        if (entered) {
            throw new IllegalStateException("cannot enter " + this + ": it is already entered; run a copyContext() of it instead");
        }
        entered = true;
        used = true;
        return slot();
    }

    /** Python's {@code ctx[var]} / {@code ctx.get(var)}: the value of {@code var} in this context, or null. */
    @SuppressWarnings("unchecked")
    public <T> T get(ContextVar<T> var) {
        Object value = lookup(var);
        return value == ContextVar.MISSING ? null : (T) value;
    }

    /** Python's {@code var in ctx}. */
    public boolean containsKey(ContextVar<?> var) {
        return lookup(var) != ContextVar.MISSING;
    }

    /** Python's {@code len(ctx)}: how many variables have a value here. */
    public int size() {
        return bindings.length / 2;
    }

    /** The value of {@code var} here, or {@link ContextVar#MISSING}. */
    Object lookup(ContextVar<?> var) {
        Object[] b = bindings;
        for (int i = 0; i < b.length; i += 2) {
            if (b[i] == var) {
                return b[i + 1];
            }
        }
        return ContextVar.MISSING;
    }

    /** Binds {@code var} to {@code value} ({@link ContextVar#MISSING} unbinds it), replacing the bindings. */
    void bind(ContextVar<?> var, Object value) {
        Object[] b = bindings;
        int at = -1;
        for (int i = 0; i < b.length; i += 2) {
            if (b[i] == var) {
                at = i;
                break;
            }
        }
        Object[] next;
        if (value == ContextVar.MISSING) {
            if (at < 0) {
                return;
            }
            next = new Object[b.length - 2];
            System.arraycopy(b, 0, next, 0, at);
            System.arraycopy(b, at + 2, next, at, b.length - at - 2);
        } else if (at >= 0) {
            next = b.clone();
            next[at + 1] = value;
        } else {
            next = java.util.Arrays.copyOf(b, b.length + 2);
            next[b.length] = var;
            next[b.length + 1] = value;
        }
        bindings = next;
    }

    /**
     * The current context of the calling thread, where a set goes. If it had none, it is the
     * running task's own context: a task given one, stepped before contexts were in use, did not
     * switch to it. Otherwise a new, empty one.
     */
    static Context currentForUpdate() {
        used = true;
        Slot slot = slot();
        Context current = slot.current;
        if (current == null) {
            EventLoop loop = EventLoop.runningOrNull();
            Task<?> task = loop == null ? null : loop.currentTask();
            current = task != null && task.ownContext() != null ? task.ownContext() : new Context();
            slot.current = current;
        }
        return current;
    }

    /** The current context of the calling thread, or null if none was needed yet. */
    static Context currentOrNull() {
        return slot().current;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Context{");
        for (int i = 0; i < bindings.length; i += 2) {
            s.append(i == 0 ? "" : ", ").append(((ContextVar<?>) bindings[i]).getName()).append('=').append(bindings[i + 1]);
        }
        return s.append('}').toString();
    }
}
