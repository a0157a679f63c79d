package dev.weft;

import static dev.weft.WovenCode.$SUSPENDED;
import static dev.weft.WovenCode.$await;
import static dev.weft.WovenCode.$resumed;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;

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
public final class Wait<T> extends Coroutine<Wait.Result<T>> {
    private final Set<Task<T>> tasks;
    private final ReturnWhen returnWhen;
    private final double timeout;
    private final Consumer<Task<T>> onDone = this::taskDone;
    private Future<Void> woken;
    private TimerHandle timer;
    private int unfinished;
    private boolean begun;

    Wait(Collection<? extends Task<T>> tasks, ReturnWhen returnWhen, double timeout) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("wait() needs at least one task: the collection is empty");
        }
        if (returnWhen == null) {
            throw new NullPointerException("wait(..., null): pass a ReturnWhen");
        }
        Timeout.requireSeconds(timeout, "a wait timeout");
        this.tasks = new LinkedHashSet<>(tasks);
        this.returnWhen = returnWhen;
        this.timeout = timeout;
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
            EventLoop loop = task.getLoop();
            woken = new Future<>(loop);
            unfinished = tasks.size();
            if (timeout != Double.POSITIVE_INFINITY) {
                timer = loop.callLater(timeout, this::wake);
            }
            for (Task<T> t : tasks) {
                if (t.getLoop() != loop) {
                    throw new IllegalArgumentException("wait() takes tasks of the running loop, but " + t
                            + " belongs to another: gather it, or await it, which works across loops");
                }
            }
            for (Task<T> t : tasks) {
                t.addDoneCallback(onDone);
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
                t.removeDoneCallback(onDone);
            }
        }
        Set<Task<T>> done = new LinkedHashSet<>();
        Set<Task<T>> pending = new LinkedHashSet<>();
        for (Task<T> t : tasks) {
            (t.isDone() ? done : pending).add(t);
        }
        return new Result<>(done, pending);
    }

    private void taskDone(Task<T> t) {
        unfinished--;
        if (unfinished <= 0 || returnWhen == ReturnWhen.FIRST_COMPLETED
                || (returnWhen == ReturnWhen.FIRST_EXCEPTION && !t.isCancelled() && t.exception() != null)) {
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
