package dev.weft;

import java.util.List;
import java.util.function.Supplier;

/**
 * Python's {@code asyncio.Runner}: one event loop on the calling thread that several
 * {@link #run} calls share, cleaned up by {@link #close()}. {@link Asyncio#run} is a runner used
 * once.
 *
 * <pre>{@code
 * try (var runner = new Runner()) {
 *     Config config = runner.run(loadConfig());
 *     runner.run(serve(config));             // same loop: tasks and connections of the first run live on
 * }
 * }</pre>
 *
 * <p>The loop is made by the first {@link #run} or {@link #getLoop()}. Closing cancels the tasks
 * still pending and waits for them, reports their failures to the loop's exception handler,
 * closes the async generators left unfinished, shuts the default executor down and closes the
 * loop, as {@code asyncio.Runner.close()} does.
 *
 * <p>Differs from Python: closing a runner that never ran leaves it closed (Python lets it be
 * used afterwards); there is no handling of Ctrl-C.
 */
public final class Runner implements AutoCloseable {
    private final Supplier<EventLoop> loopFactory;
    private EventLoop loop;
    /** Python's {@code Runner._context}: every run's task runs in it, so values set by one run are seen by the next. */
    private Context context;
    private boolean closed;

    /** A runner whose loop is a new {@link EventLoop}. */
    public Runner() {
        this(EventLoop::new);
    }

    /**
     * Python's {@code Runner(loop_factory=...)}: a runner whose loop comes from {@code loopFactory},
     * e.g. {@code new Runner(EventLoop::withVirtualTime)}. The factory must return a new loop that
     * is not running.
     */
    public Runner(Supplier<EventLoop> loopFactory) {
        if (loopFactory == null) {
            throw new NullPointerException("new Runner(null): pass a loop factory, e.g. EventLoop::new");
        }
        this.loopFactory = loopFactory;
    }

    /**
     * Python's {@code Runner.run}: runs {@code coroutine} as a task on this runner's loop until it
     * completes and returns its result, or rethrows its exception unchanged. Tasks it leaves
     * behind stay on the loop and run again during the next {@code run}. Every run's task runs in
     * the runner's own {@link Context}, a copy of the one current when the loop was made: a value
     * one run sets is seen by the next, and never by the caller.
     *
     * @throws IllegalStateException when called on a thread whose loop is running (inside a
     *                               coroutine, await the coroutine instead), or after {@link #close()}
     */
    public <T> T run(Coroutine<T> coroutine) {
        if (EventLoop.runningOrNull() != null) {
            throw new IllegalStateException("Runner.run() cannot be called from a running event loop;"
                    + " inside a coroutine, Await.on(...) the coroutine instead");
        }
        if (coroutine == null) {
            throw new NullPointerException("run(null): pass the coroutine returned by an @Async method");
        }
        EventLoop l = getLoop();
        return l.runUntilComplete(l.createTask(coroutine, null, context));
    }

    /** Python's {@code Runner.get_loop()}: this runner's loop, made now if no run made it yet. */
    public EventLoop getLoop() {
        if (closed) {
            throw new IllegalStateException("this Runner is closed: make a new one");
        }
        if (loop == null) {
            EventLoop made = loopFactory.get();
            if (made == null || made.isClosed() || made.isRunning()) {
                throw new IllegalStateException("the Runner's loop factory must return a new event loop, not " + made);
            }
            loop = made;
            context = Context.copyContext();
        }
        return loop;
    }

    /**
     * Python's {@code Runner.close()}: cancels the tasks left on the loop and waits for them, closes
     * unfinished async generators, shuts the default executor down and closes the loop. Closing
     * again does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (loop != null) {
            finish(loop);
        }
    }

    /**
     * The end of {@link Asyncio#run} for {@code loop}, which is not running: cancel and await the
     * leftover tasks, close async generators, shut the default executor down, close the loop.
     */
    static void finish(EventLoop loop) {
        try {
            loop.notePendingTasks();
            cancelLeftovers(loop);
            loop.runUntilComplete(loop.shutdownAsyncgens());
            loop.runUntilComplete(loop.shutdownDefaultExecutor());
        } finally {
            loop.close();
        }
    }

    private static void cancelLeftovers(EventLoop loop) {
        List<Task<?>> leftovers = loop.tasks.snapshot();
        if (leftovers.isEmpty()) {
            return;
        }
        for (Task<?> task : leftovers) {
            task.cancel();
        }
        loop.runUntilComplete(Asyncio.gatherSettledOn(loop, leftovers));
        for (Task<?> task : leftovers) {
            if (!task.isCancelled() && task.exception() != null) {
                loop.callExceptionHandler(new ExceptionContext("unhandled exception during Asyncio.run() shutdown",
                        task.exception(), task));
            }
        }
    }
}
