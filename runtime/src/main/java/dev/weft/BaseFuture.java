package dev.weft;

import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The state and callbacks shared by {@link Future} and {@link Task}: a result set later, on one
 * event loop. The self type {@code F} lets done callbacks receive the concrete type.
 *
 * <h2>The future and task state machines</h2>
 * The one place they are written down; every transition happens on the loop's thread.
 *
 * <p>A future is <em>pending</em>, then <em>done</em> in exactly one of three ways, for good:
 * <table>
 * <caption>Future states</caption>
 * <tr><th>From</th><th>To</th><th>Caused by</th></tr>
 * <tr><td>pending</td><td>finished with a result</td><td>{@link #setResult} → {@link #complete};
 *     a task: its outermost frame returned ({@code Task.finish})</td></tr>
 * <tr><td>pending</td><td>finished with an exception</td><td>{@link #setException} → {@link #fail};
 *     a task: its outermost frame threw anything but {@link CancelledError}</td></tr>
 * <tr><td>pending</td><td>cancelled</td><td>{@link #cancel(String)}; a task: a
 *     {@link CancelledError} escaped its coroutine, or it was cancelled after its last await and
 *     returned (asyncio reports it cancelled)</td></tr>
 * <tr><td>done</td><td>—</td><td>{@code setResult}/{@code setException} throw
 *     {@link IllegalStateException}; {@code cancel} returns false</td></tr>
 * </table>
 * Entering <em>done</em> schedules every waiter ({@link #scheduleWaiters}: done callbacks and
 * awaiting tasks, in registration order) at the loop's next turn; a failure is watched by
 * {@link UnretrievedFailure} until {@link #result()} or {@link #exception()} retrieves it.
 *
 * <p>While pending, a {@link Task} moves between the states below ({@code waitingOn} and the
 * {@code Task} flags hold them); it leaves them for one of the done states above.
 * <table>
 * <caption>Task states while pending</caption>
 * <tr><th>From</th><th>To</th><th>Caused by</th></tr>
 * <tr><td>(new)</td><td>scheduled</td><td>the constructor: {@code loop.scheduleStep(task)}, registered
 *     in the loop's {@link TaskRegistry}; with eager start it goes straight to running</td></tr>
 * <tr><td>scheduled</td><td>running</td><td>the loop runs {@link Task#step()}: the task becomes
 *     the loop's current task and resumes its innermost frame</td></tr>
 * <tr><td>running</td><td>waiting on a future</td><td>a frame's await of a pending future:
 *     {@code Task.suspendOn(frame, future)} adds the task as the future's waiter</td></tr>
 * <tr><td>running</td><td>waiting on a {@link Waiter}</td><td>a lock, queue, event, sleep...
 *     {@link Waiter#suspend()} → {@code Task.suspendOn(waiter)}</td></tr>
 * <tr><td>running</td><td>scheduled</td><td>{@code Task.yieldFrom} (Python's {@code sleep(0)})</td></tr>
 * <tr><td>running</td><td>done</td><td>the outermost frame returned or threw: {@code Task.finish},
 *     which also unregisters the task</td></tr>
 * <tr><td>waiting</td><td>scheduled</td><td>the future became done (its waiters are scheduled),
 *     or the waiter was woken ({@link Waiter#wakeUp})</td></tr>
 * <tr><td>waiting</td><td>scheduled, to throw {@link CancelledError}</td><td>{@link Task#cancel}
 *     cancels what the task waits for ({@code cancelWait})</td></tr>
 * <tr><td>scheduled or running</td><td>same, cancel pending</td><td>{@link Task#cancel} when
 *     there is nothing to cancel yet: the {@code MUST_CANCEL} flag makes the next step throw
 *     {@link CancelledError} at the frame's await (before the first step: the task is cancelled
 *     without running its coroutine); {@link Task#uncancel} withdraws it</td></tr>
 * </table>
 *
 * @param <T> the type of the result
 * @param <F> the concrete future type
 */
abstract sealed class BaseFuture<T, F extends BaseFuture<T, F>> implements Awaitable<T> permits Future, Task {
    private static final byte PENDING = 0;
    private static final byte FINISHED = 1;
    private static final byte CANCELLED = 2;

    final EventLoop loop;
    private byte state = PENDING;
    /**
     * The result once finished with one; the cancel message once cancelled; the
     * {@link UnretrievedFailure} watch while a failure has not been retrieved. One field for three
     * states that exclude each other keeps every future and task 8 bytes smaller.
     */
    private Object result;
    private Throwable exception;
    /** Null, one waiter (a {@link Task}, a {@link Consumer} or a {@link Watcher}), or a {@code List} of them. */
    private Object waiters;

    BaseFuture(EventLoop loop) {
        this.loop = loop;
    }

    /** The loop this future belongs to. */
    public EventLoop getLoop() {
        return loop;
    }

    /** Python's {@code done()}: true once a result, an exception or a cancellation is set. */
    public boolean isDone() {
        return state != PENDING;
    }

    /** Python's {@code cancelled()}. */
    public boolean isCancelled() {
        return state == CANCELLED;
    }

    /**
     * Python's {@code result()}: the result; throws the exception if the future failed,
     * {@link CancelledError} if it was cancelled, {@link IllegalStateException} (asyncio's
     * {@code InvalidStateError}) if it is not done yet.
     */
    @SuppressWarnings("unchecked")
    public T result() {
        if (state == PENDING) {
            throw new IllegalStateException("Result is not set: " + this + " is not done yet (await it first)");
        }
        return (T) resultOrThrow();
    }

    /**
     * Python's {@code exception()}: the exception the future failed with, or null; throws
     * {@link CancelledError} if it was cancelled and {@link IllegalStateException} if not done.
     */
    public Throwable exception() {
        if (state == PENDING) {
            throw new IllegalStateException("Exception is not set: " + this + " is not done yet (await it first)");
        }
        if (state == CANCELLED) {
            throw cancelledError();
        }
        markRetrieved();
        return exception;
    }

    /** Python's {@code set_result}; throws {@link IllegalStateException} if already done. */
    public void setResult(T value) {
        loop.checkThread("setResult");
        requirePending("setResult");
        complete(value);
    }

    final void complete(T value) {
        result = value;
        state = FINISHED;
        scheduleWaiters();
    }

    /** Python's {@code set_exception}; throws {@link IllegalStateException} if already done. */
    public void setException(Throwable error) {
        loop.checkThread("setException");
        requirePending("setException");
        if (error == null) {
            throw new NullPointerException("setException(null): pass the exception the future failed with");
        }
        if (error instanceof CancelledError) {
            throw new IllegalArgumentException("a CancelledError cannot be set as a future's exception; call cancel() instead");
        }
        fail(error);
    }

    final void fail(Throwable error) {
        exception = error;
        state = FINISHED;
        onFailed();
        scheduleWaiters();
    }

    /** Python's {@code cancel()}: cancels a pending future and returns true, else returns false. */
    public boolean cancel() {
        return cancel(null);
    }

    /** Python's {@code cancel(msg)}: like {@link #cancel()}, the message reaches the {@link CancelledError}. */
    public boolean cancel(String message) {
        loop.checkThread("cancel");
        if (state != PENDING) {
            return false;
        }
        result = message;
        state = CANCELLED;
        scheduleWaiters();
        return true;
    }

    /**
     * Python's {@code add_done_callback}: {@code callback} runs through the loop once the future is
     * done (at the loop's next turn if it already is).
     */
    public void addDoneCallback(Consumer<? super F> callback) {
        loop.checkThread("addDoneCallback");
        if (state != PENDING) {
            schedule(callback);
        } else {
            addWaiter(callback);
        }
    }

    /** Python's {@code remove_done_callback}: removes every registration of {@code callback}, returns how many. */
    public int removeDoneCallback(Consumer<? super F> callback) {
        loop.checkThread("removeDoneCallback");
        return removeWaiter(callback);
    }

    /**
     * The inverse of asyncio's {@code wrap_future}: a {@link CompletableFuture} that completes when
     * this does, with its result or its original exception (a cancellation completes it with a
     * {@link CancelledError}, so it reports {@code isCancelled()}). Cancelling the returned future
     * cancels this one, through its loop. Callable from any thread, for code outside the loop:
     *
     * <pre>{@code
     * Task<Page> task = loop.createTask(fetch(url));          // on the loop's thread
     * Page page = task.toCompletableFuture().get(5, TimeUnit.SECONDS);   // from any other thread
     * }</pre>
     *
     * <p>Handing the exception over counts as retrieving it: the failure is not reported as
     * unretrieved. Each call returns a new future.
     */
    public CompletableFuture<T> toCompletableFuture() {
        return Stages.toCompletableFuture(this);
    }

    @SuppressWarnings("unchecked")
    private F self() {
        return (F) this;
    }

    /** Registers {@code task} to be stepped when this future is done. */
    final void addTaskWaiter(Task<?> task) {
        addWaiter(task);
    }

    final void removeTaskWaiter(Task<?> task) {
        removeWaiter(task);
    }

    /**
     * Registers {@code watcher} to be told at once when this future is done; the caller checks
     * first that it is pending.
     */
    final void addWatcher(Watcher watcher) {
        addWaiter(watcher);
    }

    final void removeWatcher(Watcher watcher) {
        removeWaiter(watcher);
    }

    /**
     * The fan-outs' waiter ({@code gather}, {@code TaskGroup}, {@code asCompleted}, {@code wait}):
     * one object watching many children, told as each child completes, in the same turn. A done
     * callback would cost a callback object per child, a scheduled call per completion and a loop
     * turn before the count goes down. Its method only does bookkeeping and completes futures, whose
     * own waiters are scheduled as usual, so running it inside the child's completion is safe.
     */
    interface Watcher {
        void childDone(BaseFuture<?, ?> child);
    }

    private void addWaiter(Object waiter) {
        if (waiters == null) {
            waiters = waiter;
        } else if (waiters instanceof WaiterList list) {
            list.add(waiter);
        } else {
            WaiterList list = new WaiterList();
            list.add(waiters);
            list.add(waiter);
            waiters = list;
        }
    }

    /** Removes every registration of {@code waiter}; returns how many there were. */
    private int removeWaiter(Object waiter) {
        if (waiters == waiter) {
            waiters = null;
            return 1;
        }
        if (waiters instanceof WaiterList list) {
            int before = list.size();
            list.removeIf(w -> w == waiter);
            return before - list.size();
        }
        return 0;
    }

    @SuppressWarnings("unchecked")
    private void scheduleWaiters() {
        Object w = waiters;
        waiters = null;
        if (w == null) {
            return;
        }
        if (w instanceof WaiterList list) {
            for (Object each : list) {
                schedule(each);
            }
        } else {
            schedule(w);
        }
    }

    @SuppressWarnings("unchecked")
    private void schedule(Object waiter) {
        if (waiter instanceof Task<?> task) {
            loop.scheduleStep(task);
        } else if (waiter instanceof Watcher watcher) {
            watcher.childDone(this);
        } else {
            Consumer<? super F> callback = (Consumer<? super F>) waiter;
            loop.callSoon(() -> callback.accept(self()));
        }
    }

    private void requirePending(String what) {
        if (state != PENDING) {
            throw new IllegalStateException(what + " on " + this + ", which is already done");
        }
    }

    /** The value, or the stored exception / a fresh {@link CancelledError} thrown unchanged. */
    final Object resultOrThrow() {
        if (state == CANCELLED) {
            throw cancelledError();
        }
        if (exception != null) {
            markRetrieved();
            throw Exceptions.sneaky(exception);
        }
        return result;
    }

    /** For {@link Task}: the outcome of a done future without throwing. */
    final Throwable failureOrNull() {
        if (state == CANCELLED) {
            return cancelledError();
        }
        if (exception != null) {
            markRetrieved();
        }
        return exception;
    }

    /** The result of a future finished without an exception (the caller has checked). */
    @SuppressWarnings("unchecked")
    final T rawResult() {
        return (T) result;
    }

    /**
     * A fresh {@link CancelledError} carrying the cancel message, for each retrieval. Python hands
     * the task's original error to the first retriever; a fresh one with the same message is
     * indistinguishable to a catch block and keeps stack traces pointing at the await.
     */
    CancelledError cancelledError() {
        return new CancelledError((String) result);
    }

    /** The future has just failed: its exception is reported if nobody ever retrieves it. */
    private void onFailed() {
        result = UnretrievedFailure.watch(this, exception);
    }

    /** The exception was handed to someone: nothing to report. */
    private void markRetrieved() {
        if (result instanceof UnretrievedFailure watch) {
            result = null;
            watch.retrieved();
        }
    }

    @Override
    public String toString() {
        String s = switch (state) {
            case PENDING -> "pending";
            case CANCELLED -> "cancelled";
            default -> exception != null ? "finished exception=" + exception : "finished result=" + result;
        };
        return getClass().getSimpleName() + "<" + s + ">";
    }

    /** Distinguishes our waiter list from a user callback that happens to be a List. */
    private static final class WaiterList extends ArrayList<Object> {
        private static final long serialVersionUID = 1L;

        WaiterList() {
            super(4);
        }
    }
}
