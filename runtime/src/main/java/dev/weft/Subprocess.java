package dev.weft;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Python's {@code asyncio.subprocess.Process}: a child process whose pipes are streams on the loop.
 * Made by {@link Asyncio#createSubprocessExec}.
 *
 * <pre>{@code
 * Subprocess p = Await.on(Asyncio.createSubprocessExec(List.of("sort")));
 * Subprocess.Output out = Await.on(p.communicate("b\na\n".getBytes(UTF_8)));
 * // out.stdout() is "a\nb\n", out.exitCode() is 0
 * }</pre>
 *
 * <p>The JDK's process pipes block, so each pipe is served by a small daemon thread that hands
 * bytes to and from the loop; the loop thread itself never waits on a child. Reading follows
 * the stream's limit: a child that writes more than the program reads waits on its pipe.
 */
public final class Subprocess {
    private final Process process;
    private final StreamWriter stdin;
    private final StreamReader stdout;
    private final StreamReader stderr;
    private final Future<Integer> exit;

    private Subprocess(EventLoop loop, Process process, ProcessBuilder builder) {
        this.process = process;
        String name = "weft-subprocess-" + process.pid();
        stdin = builder.redirectInput() == ProcessBuilder.Redirect.PIPE ? writer(loop, process, name) : null;
        stdout = builder.redirectOutput() == ProcessBuilder.Redirect.PIPE
                ? reader(loop, new PipeReadTransport(loop, process.getInputStream(), name + "-stdout")) : null;
        stderr = builder.redirectError() == ProcessBuilder.Redirect.PIPE && !builder.redirectErrorStream()
                ? reader(loop, new PipeReadTransport(loop, process.getErrorStream(), name + "-stderr")) : null;
        exit = Stages.toFuture(process.onExit().thenApply(Process::exitValue), loop);
    }

    private static StreamWriter writer(EventLoop loop, Process process, String name) {
        PipeWriteTransport transport = new PipeWriteTransport(loop, process.getOutputStream(), name + "-stdin");
        StreamProtocol protocol = new StreamProtocol(loop, null, null, false);
        transport.start(protocol);
        return new StreamWriter(transport, protocol);
    }

    private static StreamReader reader(EventLoop loop, PipeReadTransport transport) {
        StreamReader reader = new StreamReader();
        reader.setTransport(transport);
        transport.start(new StreamProtocol(loop, reader, null, false));
        return reader;
    }

    /** Starts {@code builder}'s process when awaited (on the loop's thread: starting a process does not wait for it). */
    static Coroutine<Subprocess> start(ProcessBuilder builder) {
        return new Deferred<>(loop -> {
            Process process = builder.start();
            Future<Subprocess> started = loop.createFuture();
            started.setResult(new Subprocess(loop, process, builder));
            return started;
        });
    }

    /** The child's stdin, or null when it is not a pipe. */
    public StreamWriter stdin() {
        return stdin;
    }

    /** The child's stdout, or null when it is not a pipe. */
    public StreamReader stdout() {
        return stdout;
    }

    /** The child's stderr, or null when it is not a pipe (also when merged into stdout). */
    public StreamReader stderr() {
        return stderr;
    }

    /** Python's {@code pid}. */
    public long pid() {
        return process.pid();
    }

    /** Python's {@code returncode}: the exit code, or null while the child runs. */
    public Integer returncode() {
        return exit.isDone() ? exit.result() : null;
    }

    /**
     * Python's {@code wait()}: the exit code once the child has exited. As in Python, a child
     * blocked writing to a pipe nobody reads never exits: read its output, or use {@link #communicate}.
     */
    public Coroutine<Integer> waitFor() {
        return new FutureCoroutine<>(exit);
    }

    /** Python's {@code terminate()}: asks the child to end (SIGTERM on Unix). */
    public void terminate() {
        process.destroy();
    }

    /** Python's {@code kill()}: ends the child at once (SIGKILL on Unix). */
    public void kill() {
        process.destroyForcibly();
    }

    /** The {@link Process} underneath, for what this class does not cover. */
    public Process process() {
        return process;
    }

    /**
     * Python's {@code communicate(input)}: writes {@code input} (may be null) to stdin and closes
     * it, reads stdout and stderr to their ends, and waits for the child to exit. A child that
     * closed its stdin early does not make it fail, as in Python.
     */
    public Coroutine<Output> communicate(byte[] input) {
        return new Deferred<>(loop -> {
            if (stdin != null) {
                if (input != null) {
                    stdin.write(input);
                }
                stdin.close();
            }
            List<Awaitable<?>> parts = new ArrayList<>();
            parts.add(stdout != null ? stdout.read(-1) : Coroutine.of(null));
            parts.add(stderr != null ? stderr.read(-1) : Coroutine.of(null));
            parts.add(exit);
            Gathering<Object> all = Gathering.of(loop, parts, false);
            Future<Output> result = loop.createFuture();
            all.addDoneCallback(g -> {
                if (result.isDone()) {
                    return;
                }
                if (g.isCancelled()) {
                    result.cancel();
                } else if (g.exception() != null) {
                    result.setException(g.exception());
                } else {
                    List<Object> r = g.result();
                    result.setResult(new Output((byte[]) r.get(0), (byte[]) r.get(1), (Integer) r.get(2)));
                }
            });
            result.addDoneCallback(f -> {
                if (f.isCancelled()) {
                    all.cancel();
                }
            });
            return result;
        });
    }

    /**
     * What {@link #communicate} gathered: Python's {@code (stdout, stderr)} pair, with the exit code.
     *
     * @param stdout   everything the child wrote to stdout, or null when it was not a pipe
     * @param stderr   everything the child wrote to stderr, or null when it was not a pipe
     * @param exitCode the child's exit code
     */
    public record Output(byte[] stdout, byte[] stderr, int exitCode) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Output other && Arrays.equals(stdout, other.stdout) && Arrays.equals(stderr, other.stderr)
                    && exitCode == other.exitCode;
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(stdout) + Arrays.hashCode(stderr)) + exitCode;
        }

        @Override
        public String toString() {
            return "Output[stdout=" + (stdout == null ? "null" : stdout.length + " bytes")
                    + ", stderr=" + (stderr == null ? "null" : stderr.length + " bytes") + ", exitCode=" + exitCode + "]";
        }
    }

    @Override
    public String toString() {
        return "Subprocess[pid=" + process.pid() + (exit.isDone() ? ", returncode=" + exit.result() : "") + "]";
    }
}
