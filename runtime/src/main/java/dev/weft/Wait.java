package dev.weft;

import static dev.weft.WovenCode.$SUSPENDED;
import static dev.weft.WovenCode.$await;
import static dev.weft.WovenCode.$resumed;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The coroutine of {@link Asyncio#wait}: Python's {@code asyncio.wait}. Waits, without cancelling
 * anything and without throwing the tasks' exceptions, until the condition of its
 * {@link ReturnWhen} holds or the timeout passes, and completes with the done and pending tasks.
 *
 * <pre>{@code
 * Wait.Result<String> r = Await.on(Asyncio.wait(tasks, ReturnWhen.FIRST_COMPLETED));
 * for (Task<String> t : r.pending()) t.cancel();
 * }</pre>
 *
 * @param <T> the tasks' result type
 */
public final class Wait<T> extends Coroutine<Wait.Result<T>> implements BaseFuture.Watcher {
    private static final Task<?>[] NO_TASKS = {};
    /** Each task once, in the order given; the wait's own copy. */
    private final Task<T>[] tasks;
    private final ReturnWhen returnWhen;
    private final double timeout;
    private Future<Void> woken;
    private TimerHandle timer;
    private int unfinished;
    private boolean begun;

    private Wait(Task<T>[] tasks, ReturnWhen returnWhen, double timeout) {
        this.tasks = tasks;
        this.returnWhen = returnWhen;
        this.timeout = timeout;
    }

    /**
     * Checks the arguments before the coroutine exists: a refused call leaves nothing that debug
     * mode would report as never awaited.
     */
    @SuppressWarnings("unchecked")
    static <T> Wait<T> of(Collection<? extends Task<T>> tasks, ReturnWhen returnWhen, double timeout) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("wait() needs at least one task: the collection is empty");
        }
        if (returnWhen == null) {
            throw new NullPointerException("wait(..., null): pass a ReturnWhen");
        }
        Timeout.requireSeconds(timeout, "a wait timeout");
        return new Wait<>((Task<T>[]) FanOut.distinct(tasks.toArray(new Task<?>[0])), returnWhen, timeout);
    }

    /**
     * The outcome of {@link Asyncio#wait}: Python's {@code (done, pending)} pair.
     *
     * @param done    the tasks that are done, in the order given
     * @param pending the others
     * @param <T>     the tasks' result type
     */
    public record Result<T>(Set<Task<T>> done, Set<Task<T>> pending) {
    }

    @Override
    protected Object $step() {
        if (!begun) {
            begun = true;
            if (!begin()) {
                return finish();
            }
            if ($await(this, woken) == $SUSPENDED) {
                return $SUSPENDED;
            }
        }
        try {
            $resumed(this);
        } finally {
            if (timer != null) {
                timer.cancel();
            }
            for (Task<T> t : tasks) {
                if (!t.isDone()) {
                    t.removeWatcher(this);
                }
            }
        }
        return finish();
    }

    /** Watches the pending tasks; false when the condition already holds and there is nothing to wait for. */
    private boolean begin() {
        EventLoop loop = task.getLoop();
        for (Task<T> t : tasks) {
            if (t.getLoop() != loop) {
                throw new IllegalArgumentException("wait() takes tasks of the running loop, but " + t
                        + " belongs to another: gather it, or await it, which works across loops");
            }
        }
        boolean satisfied = false;
        for (Task<T> t : tasks) {
            if (t.isDone()) {
                satisfied |= ends(t);
            } else {
                unfinished++;
            }
        }
        if (satisfied || unfinished == 0) {
            return false;
        }
        for (Task<T> t : tasks) {
            if (!t.isDone()) {
                t.addWatcher(this);
            }
        }
        woken = new Future<>(loop);
        if (timeout != Double.POSITIVE_INFINITY) {
            timer = loop.callLater(timeout, this::wake);
        }
        return true;
    }

    /** For the task dump, which draws the tasks below the task waiting; made only when a dump asks. */
    FanIn fanIn() {
        return new FanIn() {
            @Override
            public List<Task<T>> children() {
                return Arrays.asList(tasks);
            }

            @Override
            public String kind() {
                return "wait";
            }
        };
    }

    /** Whether {@code t}, done, ends a wait for its first completion or first exception. */
    private boolean ends(Task<T> t) {
        return returnWhen == ReturnWhen.FIRST_COMPLETED
                || (returnWhen == ReturnWhen.FIRST_EXCEPTION && !t.isCancelled() && t.exception() != null);
    }

    @SuppressWarnings("unchecked")
    private Result<T> finish() {
        int done = 0;
        for (Task<T> t : tasks) {
            if (t.isDone()) {
                done++;
            }
        }
        if (done == tasks.length) {
            // The usual end of ALL_COMPLETED: the wait's own array is the done set as it is.
            return new Result<>(new TaskSet<>(tasks), new TaskSet<>((Task<T>[]) NO_TASKS));
        }
        Task<T>[] doneTasks = new Task[done];
        Task<T>[] pendingTasks = new Task[tasks.length - done];
        int d = 0;
        int p = 0;
        for (Task<T> t : tasks) {
            if (t.isDone()) {
                doneTasks[d++] = t;
            } else {
                pendingTasks[p++] = t;
            }
        }
        return new Result<>(new TaskSet<>(doneTasks), new TaskSet<>(pendingTasks));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void childDone(BaseFuture<?, ?> child) {
        unfinished--;
        if (unfinished <= 0 || ends((Task<T>) child)) {
            wake();
        }
    }

    private void wake() {
        if (timer != null) {
            timer.cancel();
        }
        if (!woken.isDone()) {
            woken.setResult(null);
        }
    }
}
