package dev.weft;

import static dev.weft.WovenCode.$SUSPENDED;
import static dev.weft.WovenCode.$boxed;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A coroutine scheduled to run on an event loop: Python's {@code asyncio.Task}.
 *
 * <p>A task starts at the loop's next turn (or at once, up to its first suspension, with
 * {@link EventLoop#setEagerTaskStart}) and runs concurrently with the code that created it.
 * Awaiting a task waits for its result; cancelling it makes its current {@code Await.on} throw
 * {@link CancelledError}.
 *
 * <pre>{@code
 * Task<String> t = Asyncio.createTask(download(url), "download");
 * ...
 * t.cancel("no longer needed");
 * }</pre>
 *
 * <h2>How a task drives its coroutine</h2>
 * The task remembers the innermost suspended frame of its coroutine chain. Each step resumes that
 * frame; when a frame completes, its result is handed to the frame that awaited it in a loop (a
 * trampoline), so resuming a deep chain never grows the Java stack.
 *
 * @param <T> the type of the task's result
 */
public non-sealed class Task<T> extends BaseFuture<T, Task<T>> {
    private static final AtomicInteger NEXT_ID = new AtomicInteger(1);

    /** {@link #flags}: the first step has run. */
    private static final byte ENTERED = 1;
    /** {@link #flags}: a cancellation must be thrown into the coroutine at its next step. */
    private static final byte MUST_CANCEL = 2;
    /** {@link #flags}: {@link #innermost} is a child frame the trampoline must start (the await chain got too deep for the stack). */
    private static final byte TRAMPOLINE = 4;
    /** {@link #flags}: {@link #resumption} is an exception to throw, not a value. */
    private static final byte RESUME_THROWS = 8;

    private final Coroutine<T> coroutine;
    private final int id;
    /** The frame to resume at the next step. */
    private Coroutine<?> innermost;
    /**
     * What the innermost frame awaits — a {@link BaseFuture}, or the frame itself when it is a
     * {@link Waiter} — or null while the task is scheduled to run.
     */
    private Object waitingOn;
    /**
     * What the frame being resumed continues with: its awaited value, or the exception to throw at
     * its await. Kept here rather than in every frame, since a task resumes one frame at a time.
     */
    private Object resumption;
    /** The booleans above, in one byte: with {@link #rare}, they keep a task at 64 bytes. */
    private byte flags;
    /** The state most tasks never use (a name, cancellation requests), made on first use. */
    private Rare rare;
    /** Neighbours in the loop's {@link TaskRegistry}. */
    Task<?> olderTask;
    Task<?> newerTask;

    /** A task running in {@code context}, or in a copy of the current context when null. */
    Task(EventLoop loop, Coroutine<T> coroutine, String name, Context context) {
        super(loop);
        if (coroutine == null) {
            throw new NullPointerException("a task needs a coroutine: pass the result of calling an @Async method");
        }
        coroutine.start(this, null);
        this.coroutine = coroutine;
        this.innermost = coroutine;
        this.id = NEXT_ID.getAndIncrement();
        if (name != null) {
            rare().name = name;
        }
        Context own = context != null ? context : Context.used ? Context.copyOfCurrentOrNull() : null;
        if (own != null) {
            rare().context = own;
        }
        loop.tasks.add(this);
        if (loop.watched) {
            Flight.taskCreated(this);
            if (loop.isDebug()) {
                // Python's _source_traceback: debug mode says where each task came from.
                rare().createdAt = TaskDump.userFrame(new Throwable().getStackTrace());
            }
        }
        if (loop.isEagerTaskStart() && loop.isRunning()) {
            step();
        } else {
            loop.scheduleStep(this);
        }
    }

    /** The id the next task will get; ids only grow (until the counter wraps). */
    static int nextId() {
        return NEXT_ID.get();
    }

    final int id() {
        return id;
    }

    /** Python's {@code get_name()}. */
    public String getName() {
        String name = rare != null ? rare.name : null;
        return name != null ? name : "Task-" + id;
    }

    /** Python's {@code set_name()}. */
    public void setName(String name) {
        rare().name = name;
    }

    private Rare rare() {
        Rare r = rare;
        if (r == null) {
            r = new Rare();
            rare = r;
        }
        return r;
    }

    private boolean has(byte flag) {
        return (flags & flag) != 0;
    }

    private void set(byte flag) {
        flags |= flag;
    }

    private void clear(byte flag) {
        flags &= ~flag;
    }

    /** Python's {@code get_coro()}. */
    public Coroutine<T> getCoroutine() {
        return coroutine;
    }

    /**
     * Python's {@code Task.cancel()}: asks the task to stop. Its current await throws
     * {@link CancelledError}; returns false if the task is already done.
     */
    @Override
    public boolean cancel() {
        return cancel(null);
    }

    /** Python's {@code Task.cancel(msg)}. */
    @Override
    public boolean cancel(String message) {
        loop.checkThread("Task.cancel");
        if (isDone()) {
            return false;
        }
        Rare r = rare();
        r.cancelRequests++;
        if (cancelWait(message)) {
            // The waiter's cancellation wakes this task, which then throws CancelledError.
            return true;
        }
        set(MUST_CANCEL);
        r.pendingCancelMessage = message;
        return true;
    }

    /** Always throws: a task's outcome is its coroutine's (Python raises {@code RuntimeError} too). */
    @Override
    public void setResult(T value) {
        throw new UnsupportedOperationException("a Task's result comes from its coroutine: Task does not support setResult");
    }

    /** Always throws: a task's outcome is its coroutine's (Python raises {@code RuntimeError} too). */
    @Override
    public void setException(Throwable error) {
        throw new UnsupportedOperationException("a Task's exception comes from its coroutine: Task does not support setException");
    }

    /** Python's {@code cancelling()}: how many cancellation requests are pending. */
    public int cancelling() {
        return rare != null ? rare.cancelRequests : 0;
    }

    /** Python's {@code uncancel()}: withdraws one cancellation request; returns the remaining count. */
    public int uncancel() {
        loop.checkThread("uncancel");
        Rare r = rare;
        if (r == null) {
            return 0;
        }
        if (r.cancelRequests > 0) {
            r.cancelRequests--;
            if (r.cancelRequests == 0) {
                clear(MUST_CANCEL);
            }
        }
        return r.cancelRequests;
    }

    /** Called by the frame protocol: {@code frame} now waits for {@code future}. */
    final void suspendOn(Coroutine<?> frame, BaseFuture<?, ?> future) {
        innermost = frame;
        waitingOn = future;
        future.addTaskWaiter(this);
    }

    /** {@code waiter} now waits to be woken or cancelled (see {@link Waiter}). */
    final void suspendOn(Waiter<?> waiter) {
        innermost = waiter;
        waitingOn = waiter;
    }

    /** Cancels what the task waits for, if anything; true if that will wake the task with a {@link CancelledError}. */
    private boolean cancelWait(String message) {
        Object waited = waitingOn;
        if (waited instanceof Waiter<?> waiter) {
            return waiter.cancelWait(message);
        }
        return waited != null && ((BaseFuture<?, ?>) waited).cancel(message);
    }

    /** Called by the frame protocol: {@code frame} yields to the loop once (Python's {@code sleep(0)}). */
    final void yieldFrom(Coroutine<?> frame) {
        innermost = frame;
        loop.scheduleStep(this);
    }

    /** Hands the resumed frame its value, or throws its exception; either is then cleared. */
    final Object takeResumption() {
        Object value = resumption;
        resumption = null;
        if (has(RESUME_THROWS)) {
            clear(RESUME_THROWS);
            throw Exceptions.sneaky((Throwable) value);
        }
        return value;
    }

    /** Resumes the next frame stepped inline with {@code error} thrown at its await. */
    final void resumeWithError(Throwable error) {
        resumeWith(null, error);
    }

    /** What the next resumed frame continues with: {@code error} thrown at its await, or else {@code value}. */
    private void resumeWith(Object value, Throwable error) {
        if (error != null) {
            resumption = error;
            set(RESUME_THROWS);
        } else {
            resumption = value;
            clear(RESUME_THROWS);
        }
    }

    /** Called by the frame protocol: {@code child} must start from the trampoline, not inline. */
    final void trampolineTo(Coroutine<?> child) {
        innermost = child;
        set(TRAMPOLINE);
    }

    final EventLoop loop() {
        return loop;
    }

    /**
     * One step: resume the innermost frame with what it waited for. Runs on the loop, which alone
     * calls it (through {@link EventLoop#scheduleStep}): it is not public, so that no other code can
     * step a task.
     */
    final void step() {
        if (isDone()) {
            return;
        }
        Object value = null;
        Throwable error = null;
        Object waited = waitingOn;
        waitingOn = null;
        if (has(MUST_CANCEL)) {
            clear(MUST_CANCEL);
            error = new CancelledError(rare.pendingCancelMessage);
            if (waited instanceof BaseFuture<?, ?> future) {
                future.removeTaskWaiter(this);
            }
        } else if (waited instanceof Waiter<?> waiter) {
            // The waiter takes the value it was woken with itself.
            error = waiter.failureOrNull();
        } else if (waited != null) {
            BaseFuture<?, ?> future = (BaseFuture<?, ?>) waited;
            error = future.failureOrNull();
            if (error == null) {
                value = future.rawResult();
            }
        }
        if (!has(ENTERED)) {
            set(ENTERED);
            if (error != null) {
                finish(null, error);
                return;
            }
        }
        Task<?> previous = loop.enterTask(this);
        // Until a context variable is first set, there is no context to switch.
        Context.Slot slot = Context.used ? loop.contextSlot : null;
        Context outer = null;
        if (slot != null) {
            outer = slot.current;
            slot.current = ownContext();
        }
        try {
            drive(innermost, value, error);
        } finally {
            loop.leaveTask(previous);
            if (Context.used) {
                leaveContext(slot, outer);
            }
        }
    }

    /**
     * Python's {@code Task.get_context()}: the {@link Context} this task runs in, where the
     * variables it sets live.
     */
    public Context getContext() {
        Context own = ownContext();
        if (own == null) {
            own = new Context();
            rare().context = own;
        }
        return own;
    }

    /** The context this task runs in; null for an empty one it has not needed yet. */
    final Context ownContext() {
        return rare != null ? rare.context : null;
    }

    /**
     * Ends a step's context switch: a context the step made by setting a first variable becomes
     * the task's, and the thread's context is {@code outer} again. {@code entered} is null when
     * contexts came into use during this step, before which the thread's context was empty.
     */
    private void leaveContext(Context.Slot entered, Context outer) {
        Context.Slot slot = entered != null ? entered : loop.contextSlot;
        Context mine = slot.current;
        if (mine != null && mine != ownContext()) {
            rare().context = mine;
        }
        slot.current = outer;
    }

    private void drive(Coroutine<?> frame, Object value, Throwable error) {
        Throwable traced = null;
        for (;;) {
            frame.depth = 0;
            if (error != null && error != traced && AsyncTraces.ENABLED && !(error instanceof CancelledError)) {
                AsyncTraces.reached(error, frame, this);
                traced = error;
            }
            resumeWith(value, error);
            Object outcome;
            try {
                outcome = frame.$step();
                error = null;
            } catch (Throwable thrown) {
                outcome = null;
                error = thrown;
            }
            if (outcome == $SUSPENDED) {
                if (has(TRAMPOLINE)) {
                    clear(TRAMPOLINE);
                    frame = innermost;
                    value = null;
                    error = null;
                    continue;
                }
                if (has(MUST_CANCEL) && cancelWait(rare.pendingCancelMessage)) {
                    clear(MUST_CANCEL);
                }
                return;
            }
            value = outcome;
            Coroutine<?> parent = frame.caller;
            frame.caller = null;
            if (parent == null) {
                finish($boxed(value, frame), error);
                return;
            }
            frame = parent;
        }
    }

    @SuppressWarnings("unchecked")
    private void finish(Object value, Throwable error) {
        innermost = null;
        loop.tasks.remove(this);
        if (loop.watched) {
            Flight.taskDone(this, error);
        }
        if (error instanceof CancelledError cancelled) {
            super.cancel(cancelled.getMessage());
        } else if (error == null && has(MUST_CANCEL)) {
            // Cancelled after its last await but before it returned: asyncio reports it cancelled.
            clear(MUST_CANCEL);
            super.cancel(rare.pendingCancelMessage);
        } else if (error != null) {
            if (AsyncTraces.ENABLED) {
                AsyncTraces.dropPlumbing(error);
            }
            fail(error);
        } else {
            complete((T) value);
        }
    }

    /**
     * Python's {@code Task.get_stack()}: where the task waits, as its await chain, innermost first —
     * one element per woven coroutine, naming its source class, method, file and the line of the
     * {@code Await.on} it waits at (for a task that has not started yet, the line its coroutine
     * starts at). Empty once the task is done. The runtime's own coroutines (a sleep, a lock's
     * wait) are not listed; {@link EventLoop#dumpTasks()} says what the innermost one waits for.
     *
     * <pre>{@code
     * Task<?> t = Asyncio.createTask(fetch(url));
     * Await.on(Asyncio.sleep(1));
     * t.getStack();   // [Fetcher.read(Fetcher.java:42), Fetcher.fetch(Fetcher.java:17)]
     * }</pre>
     *
     * <p>Call it on the loop's thread (from other threads, use {@link EventLoop#dumpTasks()}). While
     * the task itself runs it is empty: its frames are then on the thread's own Java stack
     * ({@link Thread#getStackTrace()}), where they keep their source names and lines.
     */
    public List<StackTraceElement> getStack() {
        List<StackTraceElement> stack = new ArrayList<>();
        if (loop.currentTask() == this) {
            return stack;
        }
        for (Coroutine<?> frame = innermost; frame != null; frame = frame.caller) {
            StackTraceElement element = frame.element();
            if (element != null) {
                stack.add(element);
            }
        }
        return stack;
    }

    /**
     * Python's {@code Task.print_stack()}: prints the task and {@link #getStack()} to {@code out}, as
     * a stack trace reads, innermost first.
     *
     * <pre>{@code
     * for (Task<?> t : Asyncio.allTasks()) t.printStack(System.err);
     * }</pre>
     */
    public void printStack(PrintStream out) {
        StringBuilder text = new StringBuilder("Stack for ").append(this).append(" (innermost first):").append(System.lineSeparator());
        for (StackTraceElement element : getStack()) {
            text.append("\tat ").append(element).append(System.lineSeparator());
        }
        out.print(text);
    }

    /** The frame the next step resumes (while running: the one this step resumed), or null once done. */
    final Coroutine<?> innermost() {
        return innermost;
    }

    /** What the innermost frame awaits (a future, or a runtime {@link Waiter} itself), or null while scheduled or running. */
    final Object waitingOn() {
        return waitingOn;
    }

    /** The state of {@link #rare}. */
    private static final class Rare {
        /** Null until set: the default name "Task-" + id is built only when asked for (as CPython 3.13 does). */
        String name;
        String pendingCancelMessage;
        /** The context the task runs in; null while it is empty. */
        Context context;
        int cancelRequests;
        /** In debug mode, the frame of the code that created the task. */
        StackTraceElement createdAt;
    }

    /** In debug mode, the first frame outside the runtime of the code that created this task; else null. */
    final StackTraceElement createdAt() {
        return rare != null ? rare.createdAt : null;
    }

    @Override
    public String toString() {
        return "Task[" + getName() + "]" + super.toString().substring(getClass().getSimpleName().length());
    }
}
