package dev.weft;

import static dev.weft.WovenCode.$SUSPENDED;
import static dev.weft.WovenCode.$await;
import static dev.weft.WovenCode.$resumed;

import java.util.ArrayList;
import java.util.List;

/**
 * Structured concurrency: Python's {@code asyncio.TaskGroup}, used as try-with-resources inside an
 * {@link Async} method.
 *
 * <pre>{@code
 * try (var tg = new TaskGroup()) {                    // async with asyncio.TaskGroup() as tg:
 *     Task<User> a = tg.createTask(fetchUser(1));
 *     Task<User> b = tg.createTask(fetchUser(2));
 * }                                                   // waits for every child
 * }</pre>
 *
 * <p>Leaving the block waits for every child, including children that children added meanwhile.
 * When a child fails, the group cancels the other children and the block's body (at its current
 * {@code Await.on}, or while it waits at the end of the block) and, once everything has stopped,
 * the block throws an {@link ExceptionGroup} of every failure; cancellations are not failures. A
 * body that fails is handled like a failing child. A cancellation of the enclosing task from
 * outside cancels the children and propagates as {@link CancelledError} once they are done.
 *
 * <p>Differs from Python in two respects: the group is entered when it is created (Java's
 * try-with-resources has no enter step), so create it in the {@code try (...)} header; and there
 * is no {@code TaskGroup.cancel()} (Python 3.14), so the block never swallows an exception.
 */
public final class TaskGroup implements AsyncCloseable, Scopes.Exit, BaseFuture.Watcher {
    private final EventLoop loop;
    private final Task<?> parent;
    /**
     * The children that may still be pending, for {@link #abort}; done ones are dropped once they
     * are half of the list, so that a long-lived group keeps no finished task alive and the
     * pruning costs O(1) per child.
     */
    private final List<Task<?>> children = new ArrayList<>();
    private int unfinished;
    private final List<Throwable> errors = new ArrayList<>();
    private boolean exiting;
    private boolean aborting;
    private boolean parentCancelRequested;
    private boolean closed;
    /** Completed when the last child finishes, while the block waits for them. */
    private Future<Void> allDone;

    /** Enters a new group in the task running now (Python's {@code async with TaskGroup()}). */
    public TaskGroup() {
        this.parent = Timeout.enclosingTask("a TaskGroup");
        this.loop = parent.getLoop();
    }

    /** Python's {@code TaskGroup.create_task}. */
    public <T> Task<T> createTask(Coroutine<T> coroutine) {
        return createTask(coroutine, null);
    }

    /**
     * Python's {@code TaskGroup.create_task(coro, name=...)}: starts {@code coroutine} as a child
     * of this group. Throws {@link IllegalStateException} once the group is finished or shutting
     * down after a failure, and closes {@code coroutine}, as Python 3.13 does: it will not run.
     */
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        return createTask(coroutine, name, null);
    }

    /**
     * Python's {@code TaskGroup.create_task(coro, name=..., context=...)}: like
     * {@link #createTask(Coroutine, String)}, the child running in {@code context} (a copy of the
     * current context when null).
     */
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name, Context context) {
        if (closed || (exiting && unfinished == 0)) {
            refuse(coroutine);
            throw new IllegalStateException(this + " is finished: create tasks inside its try block");
        }
        if (aborting) {
            refuse(coroutine);
            throw new IllegalStateException(this + " is shutting down after a failure or cancellation: no new tasks");
        }
        Task<T> task = loop.createTask(coroutine, name, context);
        if (task.isDone()) {
            settled(task); // finished inside createTask (eager task start)
            return task;
        }
        if (children.size() >= 16 && children.size() >= 2 * unfinished) {
            children.removeIf(Task::isDone);
        }
        children.add(task);
        unfinished++;
        task.addWatcher(this);
        return task;
    }

    /** A child is done, told in the turn it finished. */
    @Override
    public void childDone(BaseFuture<?, ?> child) {
        unfinished--;
        if (allDone != null && unfinished == 0 && !allDone.isDone()) {
            allDone.setResult(null);
        }
        settled((Task<?>) child);
    }

    private void settled(Task<?> task) {
        if (task.isCancelled()) {
            return;
        }
        Throwable failure = task.exception();
        if (failure == null) {
            return;
        }
        errors.add(failure);
        if (parent.isDone()) {
            loop.callExceptionHandler(new ExceptionContext(
                    "Task " + task + " failed but its TaskGroup's task " + parent + " is already done", failure, task));
            return;
        }
        if (!aborting && !parentCancelRequested) {
            // Interrupt the body; exit() withdraws this request so the parent is not left cancelled.
            abort();
            parentCancelRequested = true;
            parent.cancel();
        }
    }

    private void abort() {
        aborting = true;
        for (Task<?> t : children) {
            t.cancel(); // false for those already done
        }
    }

    /** Leaving the block normally: waits for every child. */
    @Override
    @SuppressWarnings("unchecked")
    public Coroutine<Void> aclose() {
        return (Coroutine<Void>) (Coroutine<?>) exit(null);
    }

    /**
     * What woven try-with-resources calls when the block ends (Python's {@code __aexit__}); users
     * leave the block instead of calling it.
     *
     * @hidden
     */
    @Override
    public Coroutine<Throwable> exit(Throwable bodyError) {
        return new Exit(bodyError);
    }

    @Override
    public String toString() {
        return "TaskGroup[" + (unfinished == 0 ? "" : "tasks=" + unfinished + " ")
                + (errors.isEmpty() ? "" : "errors=" + errors.size() + " ")
                + (closed ? "finished" : aborting ? "cancelling" : "entered") + "]";
    }

    private static void refuse(Coroutine<?> coroutine) {
        if (coroutine != null) {
            coroutine.discard();
        }
    }

    /** Python's {@code TaskGroup.__aexit__}. */
    private final class Exit extends Coroutine<Throwable> implements FanIn {
        private final Throwable bodyError;
        private CancelledError propagate;
        private CancelledError pending;
        private boolean begun;

        Exit(Throwable bodyError) {
            this.bodyError = bodyError;
        }

        /** The group's children, which the task dump draws below the task leaving the block. */
        @Override
        public List<Task<?>> children() {
            return children;
        }

        @Override
        public String kind() {
            return "TaskGroup";
        }

        @Override
        protected Object $step() {
            if (!begun) {
                begun = true;
                begin();
            } else {
                resumedFromWait();
            }
            while (unfinished > 0) {
                allDone = new Future<>(loop);
                if ($await(this, allDone) == $SUSPENDED) {
                    return $SUSPENDED;
                }
                allDone = null;
            }
            return end();
        }

        private void begin() {
            if (closed || exiting) {
                throw new IllegalStateException(TaskGroup.this + " was already left; a TaskGroup is used once");
            }
            exiting = true;
            if (bodyError instanceof CancelledError cancelled) {
                propagate = cancelled;
            }
            if (bodyError != null && !aborting) {
                abort();
            }
        }

        private void resumedFromWait() {
            allDone = null;
            try {
                $resumed(this);
            } catch (CancelledError cancelled) {
                // The enclosing task is being cancelled while the block waits: stop the children, keep waiting.
                pending = cancelled;
                if (!aborting) {
                    propagate = cancelled;
                    abort();
                }
            }
        }

        private Object end() {
            closed = true;
            if (parentCancelRequested) {
                if (parent.uncancel() == 0) {
                    propagate = null;
                } else if (propagate == null) {
                    // The remaining cancellation is someone else's: keep it.
                    propagate = pending;
                }
            }
            if (bodyError != null && !(bodyError instanceof CancelledError)) {
                errors.add(bodyError);
            }
            Throwable outcome;
            if (!errors.isEmpty()) {
                if (parent.cancelling() > 0) {
                    // Cancelled from outside too: keep that request alive for the next await.
                    parent.uncancel();
                    parent.cancel();
                }
                // An async generator closed inside the block must see its GeneratorExit, not a group.
                boolean onlyGeneratorExit = bodyError instanceof GeneratorExit && errors.size() == 1;
                outcome = onlyGeneratorExit ? bodyError : new ExceptionGroup("unhandled errors in a TaskGroup", errors);
            } else {
                outcome = propagate != null ? propagate : bodyError;
            }
            if (bodyError == null && outcome != null) {
                throw Exceptions.sneaky(outcome);
            }
            return outcome;
        }
    }
}
