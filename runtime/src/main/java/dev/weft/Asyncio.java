package dev.weft;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;

/**
 * The entry points of Weft, named after Python's {@code asyncio} module.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     List<String> pages = Asyncio.run(fetchAll(urls));   // asyncio.run(fetch_all(urls))
 * }
 * }</pre>
 */
public final class Asyncio {
    private Asyncio() {
    }

    /**
     * Python's {@code asyncio.run}: runs {@code main} as a task on a new event loop on the calling
     * thread and returns its result (or rethrows its exception unchanged). Afterwards it cancels
     * the tasks main left behind and waits for them, reports their failures to the loop's
     * exception handler, closes the async generators that started and were left unfinished
     * ({@link EventLoop#shutdownAsyncgens()}, so their {@code finally} blocks run), shuts the
     * default executor down and closes the loop. Throws {@link IllegalStateException} when called
     * on a thread that is already running a loop.
     */
    public static <T> T run(Coroutine<T> main) {
        return run(main, false);
    }

    /** Python's {@code asyncio.run(main, debug=...)}: {@link #run(Coroutine)} with the loop in debug mode. */
    public static <T> T run(Coroutine<T> main, boolean debug) {
        if (EventLoop.runningOrNull() != null) {
            throw new IllegalStateException("Asyncio.run() cannot be called from a running event loop;"
                    + " inside a coroutine, Await.on(...) the coroutine instead");
        }
        Runner runner = debug ? new Runner(() -> {
            EventLoop loop = new EventLoop();
            loop.setDebug(true);
            return loop;
        }) : new Runner();
        try (runner) {
            return runner.run(main);
        }
    }

    /**
     * Python's {@code asyncio.run_coroutine_threadsafe}: schedules {@code coroutine} as a task on
     * {@code loop}, which runs on another thread, and returns a future of its outcome. Callable
     * from any thread; cancelling the future cancels the task.
     *
     * <pre>{@code
     * EventLoop loop = EventLoop.startOnNewThread("weft");
     * String page = Asyncio.runCoroutineThreadsafe(fetch(url), loop).get(10, TimeUnit.SECONDS);
     * }</pre>
     *
     * <p>If the task cannot be created (the coroutine was already started, say), the future
     * completes with that exception.
     *
     * @throws IllegalStateException if {@code loop} is closed
     */
    public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coroutine, EventLoop loop) {
        if (coroutine == null || loop == null) {
            throw new NullPointerException("runCoroutineThreadsafe needs a coroutine and the loop to run it on");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.callSoonThreadsafe(() -> {
            Task<T> task;
            try {
                task = loop.createTask(coroutine);
            } catch (Throwable e) {
                result.completeExceptionally(e);
                return;
            }
            // Cancelled before the task existed: the task is cancelled before its first step.
            Stages.link(task, result);
        });
        return result;
    }

    /** Python's {@code asyncio.create_task}: schedules {@code coroutine} on the running loop. */
    public static <T> Task<T> createTask(Coroutine<T> coroutine) {
        return getRunningLoop().createTask(coroutine);
    }

    /** Python's {@code asyncio.create_task(coro, name=...)}. */
    public static <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        return getRunningLoop().createTask(coroutine, name);
    }

    /**
     * Python's {@code asyncio.create_task(coro, name=..., context=...)}: the task runs in
     * {@code context} itself rather than in a copy of the current one (null: a copy, as usual).
     *
     * <pre>{@code
     * Context shared = Context.copyContext();
     * Await.on(Asyncio.createTask(login(user), "login", shared));   // sets CURRENT_USER in shared
     * Await.on(Asyncio.createTask(work(), "work", shared));          // sees it
     * }</pre>
     */
    public static <T> Task<T> createTask(Coroutine<T> coroutine, String name, Context context) {
        return getRunningLoop().createTask(coroutine, name, context);
    }

    /** Python's {@code asyncio.sleep}: suspends for {@code seconds}; {@code sleep(0)} yields once to the loop. */
    public static Coroutine<Void> sleep(double seconds) {
        return sleep(seconds, null);
    }

    /** Python's {@code asyncio.sleep}, with a {@link Duration}. */
    public static Coroutine<Void> sleep(Duration delay) {
        return sleep(delay.toNanos() / 1e9);
    }

    /** Python's {@code asyncio.sleep(delay, result)}: completes with {@code result}. */
    public static <T> Coroutine<T> sleep(double seconds, T result) {
        return seconds <= 0 ? new YieldOnce<>(result) : new Sleep<>(seconds, result);
    }

    /**
     * Python's {@code asyncio.gather}: runs the awaitables concurrently and completes with their
     * results in argument order. The first failure propagates; the others keep running.
     * Cancelling the gather cancels every child.
     */
    @SafeVarargs
    public static <T> Coroutine<List<T>> gather(Awaitable<? extends T>... awaitables) {
        return gather(listOrNull(awaitables));
    }

    /** Python's {@code asyncio.gather(*awaitables)} over a collection. */
    public static <T> Coroutine<List<T>> gather(Collection<? extends Awaitable<? extends T>> awaitables) {
        return new FutureCoroutine<>(Gathering.of(getRunningLoop(), awaitables, false));
    }

    /**
     * Python's {@code asyncio.gather(..., return_exceptions=True)}: like {@link #gather}, but a
     * failure is its {@code Throwable} in the result list.
     */
    public static Coroutine<List<Object>> gatherSettled(Awaitable<?>... awaitables) {
        return new FutureCoroutine<>(gatherSettledOn(getRunningLoop(), listOrNull(awaitables)));
    }

    /** Python's {@code gather(..., return_exceptions=True)} over a collection. */
    public static Coroutine<List<Object>> gatherSettled(Collection<? extends Awaitable<?>> awaitables) {
        return new FutureCoroutine<>(gatherSettledOn(getRunningLoop(), awaitables));
    }

    /** A varargs array as a list; null stays null, for the gather to refuse with its own message. */
    private static <A> List<A> listOrNull(A[] awaitables) {
        return awaitables == null ? null : Arrays.asList(awaitables);
    }

    @SuppressWarnings("unchecked")
    static Future<List<Object>> gatherSettledOn(EventLoop loop, Collection<? extends Awaitable<?>> awaitables) {
        return Gathering.of(loop, (Collection<? extends Awaitable<?>>) awaitables, true);
    }

    /**
     * Python's {@code asyncio.shield}: awaiting the result waits for {@code awaitable}, but
     * cancelling the awaiter leaves the inner work running (a coroutine is scheduled as a task
     * now). If the inner work is cancelled, the awaiter is cancelled too.
     *
     * <pre>{@code
     * String saved = Await.on(Asyncio.shield(saveToDisk(doc)));   // a cancel here won't stop the save
     * }</pre>
     */
    public static <T> Coroutine<T> shield(Awaitable<T> awaitable) {
        return new FutureCoroutine<>(Shield.of(getRunningLoop(), awaitable));
    }

    /**
     * Python's {@code asyncio.wait_for}: awaits {@code awaitable}, cancelling it and throwing
     * {@link TimeoutError} after {@code timeout} seconds ({@code Double.POSITIVE_INFINITY}: never).
     * It waits for the cancelled work to finish. A coroutine runs in the caller's task, as since
     * Python 3.12; with a timeout of zero or less it is scheduled and cancelled before it starts.
     *
     * <pre>{@code
     * String page = Await.on(Asyncio.waitFor(fetch(url), 5.0));
     * }</pre>
     */
    public static <T> Coroutine<T> waitFor(Awaitable<T> awaitable, double timeout) {
        return WaitFor.of(awaitable, timeout);
    }

    /**
     * Python's {@code asyncio.timeout(delay)}: a scope that interrupts its body after
     * {@code delay} seconds ({@code Double.POSITIVE_INFINITY}: never) and then throws
     * {@link TimeoutError}; see {@link Timeout}. Must be called in a task.
     */
    public static Timeout timeout(double delay) {
        Task<?> task = Timeout.enclosingTask("Asyncio.timeout()");
        return new Timeout(task, delay == Double.POSITIVE_INFINITY ? delay : task.getLoop().time() + delay);
    }

    /** Python's {@code asyncio.timeout_at(when)}: like {@link #timeout}, with a deadline in loop time. */
    public static Timeout timeoutAt(double when) {
        return new Timeout(Timeout.enclosingTask("Asyncio.timeoutAt()"), when);
    }

    /** Python's {@code asyncio.wait(tasks)}: waits for all of them; see {@link #wait(Collection, ReturnWhen, double)}. */
    public static <T> Coroutine<Wait.Result<T>> wait(Collection<? extends Task<T>> tasks) {
        return Wait.of(tasks, ReturnWhen.ALL_COMPLETED, Double.POSITIVE_INFINITY);
    }

    /** Python's {@code asyncio.wait(tasks, return_when=...)}. */
    public static <T> Coroutine<Wait.Result<T>> wait(Collection<? extends Task<T>> tasks, ReturnWhen returnWhen) {
        return Wait.of(tasks, returnWhen, Double.POSITIVE_INFINITY);
    }

    /**
     * Python's {@code asyncio.wait(tasks, timeout=..., return_when=...)}: completes with the done
     * and pending tasks when {@code returnWhen} holds or {@code timeout} seconds have passed
     * ({@code Double.POSITIVE_INFINITY}: no timeout). It cancels nothing and throws none of the
     * tasks' exceptions.
     *
     * <p>Differs from Python: it takes tasks only (Python also takes plain futures), and an empty
     * collection throws {@link IllegalArgumentException} when {@code wait} is called, not when
     * awaited.
     */
    public static <T> Coroutine<Wait.Result<T>> wait(Collection<? extends Task<T>> tasks, ReturnWhen returnWhen, double timeout) {
        return Wait.of(tasks, returnWhen, timeout);
    }

    /**
     * Python's {@code asyncio.as_completed}: iterates the results in the order the awaitables
     * finish.
     *
     * <pre>{@code
     * for (String page : Await.each(Asyncio.asCompleted(downloads))) {
     *     show(page);                      // fastest first
     * }
     * }</pre>
     *
     * <p>Differs from Python: the elements are the results themselves, not awaitables (a failure
     * is thrown when its turn comes), and the iterable is iterated once.
     */
    public static <T> AsyncIterable<T> asCompleted(Collection<? extends Awaitable<? extends T>> awaitables) {
        return new AsCompleted<>(getRunningLoop(), awaitables, Double.POSITIVE_INFINITY);
    }

    /**
     * Python's {@code asyncio.as_completed(..., timeout=...)}: once {@code timeout} seconds have
     * passed, the next element throws {@link TimeoutError}.
     */
    public static <T> AsyncIterable<T> asCompleted(Collection<? extends Awaitable<? extends T>> awaitables, double timeout) {
        return new AsCompleted<>(getRunningLoop(), awaitables, timeout);
    }

    /**
     * Python's {@code asyncio.to_thread}: runs the blocking {@code call} on the loop's default
     * executor, in a copy of the caller's {@link Context}, and completes with its result (or
     * exception) on the loop.
     *
     * <pre>{@code
     * byte[] data = Await.on(Asyncio.toThread(() -> Files.readAllBytes(path)));
     * }</pre>
     */
    public static <T> Coroutine<T> toThread(Callable<T> call) {
        return new FutureCoroutine<>(getRunningLoop().runInExecutor(null, call));
    }

    /**
     * Python's {@code asyncio.open_connection(host, port)}: connects to {@code host} (resolved off
     * the loop's thread; each of its addresses tried in turn) and returns the connection's streams.
     *
     * <pre>{@code
     * try (Connection c = Await.on(Asyncio.openConnection("127.0.0.1", port))) {
     *     c.writer().write("ping\n".getBytes(UTF_8));
     *     byte[] answer = Await.on(c.reader().readline());
     * }
     * }</pre>
     *
     * @throws java.net.ConnectException     (at the await) when refused
     * @throws java.net.UnknownHostException (at the await) when {@code host} has no address
     */
    public static Coroutine<Connection> openConnection(String host, int port) throws IOException {
        return OpenConnection.tcp(host, port, null);
    }

    /**
     * Python's {@code asyncio.open_connection(host, port, ssl=context)}: a TLS connection; completes
     * after the handshake, and the server's certificate must name {@code host}.
     *
     * @throws javax.net.ssl.SSLException (at the await) when the handshake fails, or takes longer
     *                                    than 60 seconds
     */
    public static Coroutine<Connection> openConnection(String host, int port, SSLContext tls) throws IOException {
        return OpenConnection.tcp(host, port, TlsSetup.of(tls));
    }

    /**
     * Python's {@code asyncio.open_connection(host, port, ssl=context, ssl_handshake_timeout=...)}:
     * as {@link #openConnection(String, int, SSLContext)}, with a handshake that may take
     * {@code sslHandshakeTimeout} seconds ({@code Double.POSITIVE_INFINITY}: no limit).
     *
     * <pre>{@code
     * Connection c = Await.on(Asyncio.openConnection("example.com", 443, SSLContext.getDefault(), 5.0));
     * }</pre>
     *
     * @throws javax.net.ssl.SSLHandshakeException (at the await) when the handshake takes longer
     */
    public static Coroutine<Connection> openConnection(String host, int port, SSLContext tls, double sslHandshakeTimeout)
            throws IOException {
        return OpenConnection.tcp(host, port, new TlsSetup(tls, sslHandshakeTimeout));
    }

    /**
     * Python's {@code asyncio.start_server}: listens on {@code host} ({@code null}: every interface)
     * and {@code port} (0 picks a free port, see {@link Server#port()}); each connection runs
     * {@code handler} in a task of its own.
     *
     * <pre>{@code
     * try (Server server = Await.on(Asyncio.startServer(Echo::handle, "127.0.0.1", 0))) {
     *     Await.on(server.serveForever());
     * }
     * }</pre>
     */
    public static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port) throws IOException {
        return Server.listen(Objects.requireNonNull(handler, "handler"), host, port, null);
    }

    /**
     * Python's {@code asyncio.start_server(..., ssl=context)}: each connection's handler runs after
     * its TLS handshake; a connection whose handshake fails, or takes longer than 60 seconds, is
     * closed without running the handler.
     */
    public static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port, SSLContext tls)
            throws IOException {
        return Server.listen(Objects.requireNonNull(handler, "handler"), host, port, TlsSetup.of(tls));
    }

    /**
     * Python's {@code asyncio.start_server(..., ssl=context, ssl_handshake_timeout=...)}: as
     * {@link #startServer(ConnectionHandler, String, int, SSLContext)}, aborting a connection whose
     * handshake takes longer than {@code sslHandshakeTimeout} seconds.
     *
     * <pre>{@code
     * Server server = Await.on(Asyncio.startServer(App::handle, null, 8443, context, 10.0));
     * }</pre>
     */
    public static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port, SSLContext tls,
                                                double sslHandshakeTimeout) throws IOException {
        return Server.listen(Objects.requireNonNull(handler, "handler"), host, port, new TlsSetup(tls, sslHandshakeTimeout));
    }

    /** Python's {@code asyncio.open_unix_connection(path)}: connects to the Unix domain socket {@code path}. */
    public static Coroutine<Connection> openUnixConnection(Path path) throws IOException {
        return OpenConnection.unix(path);
    }

    /**
     * Python's {@code asyncio.start_unix_server(cb, path)}: listens on the Unix domain socket
     * {@code path} (a stale socket file there is replaced; closing the server removes it, as
     * Python 3.13's does).
     */
    public static Coroutine<Server> startUnixServer(ConnectionHandler handler, Path path) throws IOException {
        return Server.listenUnix(Objects.requireNonNull(handler, "handler"), path);
    }

    /**
     * Python's {@code asyncio.create_subprocess_exec(*command, stdin=PIPE, stdout=PIPE, stderr=PIPE)}:
     * starts {@code command} with its three standard streams as pipes on the loop.
     *
     * <pre>{@code
     * Subprocess p = Await.on(Asyncio.createSubprocessExec(List.of("ls", "-l")));
     * byte[] listing = Await.on(p.stdout().read(-1));
     * int code = Await.on(p.waitFor());
     * }</pre>
     *
     * @throws IOException (at the await) when the command cannot be started
     */
    public static Coroutine<Subprocess> createSubprocessExec(List<String> command) throws IOException {
        return Subprocess.start(new ProcessBuilder(command));
    }

    /**
     * {@link #createSubprocessExec(List)} with the environment, directory and redirects of
     * {@code builder}: a stream redirected elsewhere than a pipe is null on the {@link Subprocess}.
     */
    public static Coroutine<Subprocess> createSubprocessExec(ProcessBuilder builder) throws IOException {
        return Subprocess.start(Objects.requireNonNull(builder, "builder"));
    }

    /** Python's {@code asyncio.current_task}: the task running now, or null outside any task. */
    public static Task<?> currentTask() {
        EventLoop loop = EventLoop.runningOrNull();
        return loop == null ? null : loop.currentTask();
    }

    /** Python's {@code asyncio.all_tasks}: the running loop's unfinished tasks. */
    public static Set<Task<?>> allTasks() {
        return Collections.unmodifiableSet(Set.copyOf(getRunningLoop().tasks.snapshot()));
    }

    /**
     * Every task of the running loop: its name, state, what it awaits with file and line, and the
     * tree of who awaits whom — Python 3.14's {@code python -m asyncio pstree}, from inside the
     * program. See {@link EventLoop#dumpTasks()}, which works from any thread.
     *
     * <pre>{@code
     * System.err.println(Asyncio.dumpTasks());
     * }</pre>
     */
    public static String dumpTasks() {
        return getRunningLoop().dumpTasks();
    }

    /** Python's {@code asyncio.get_running_loop}: throws {@link IllegalStateException} when no loop runs on this thread. */
    public static EventLoop getRunningLoop() {
        EventLoop loop = EventLoop.runningOrNull();
        if (loop == null) {
            throw new IllegalStateException("no running event loop on this thread: start one with Asyncio.run(main())."
                    + Await.notWovenHint());
        }
        return loop;
    }
}
