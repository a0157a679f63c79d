package dev.weft.it.streams;

import static dev.weft.it.Fixtures.failureOf;
import static dev.weft.it.streams.Net.bytes;
import static dev.weft.it.streams.Net.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Subprocess;
import dev.weft.Task;
import dev.weft.test.WeftExtension;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Child processes with their pipes on the loop, as CPython's test_subprocess.py exercises them. */
@ExtendWith(WeftExtension.class)
@Timeout(60)
class SubprocessTest {

    @Test // Mirrors test_subprocess.SubprocessMixin.test_stdin_stdout: cat echoes what it is given
    @Async
    void stdinToStdout() throws IOException {
        Subprocess cat = Await.on(Asyncio.createSubprocessExec(List.of("cat")));
        assertTrue(cat.pid() > 0);
        cat.stdin().write(bytes("some data"));
        Await.on(cat.stdin().drain());
        cat.stdin().close();
        assertEquals("some data", text(Await.on(cat.stdout().read(-1))));
        assertEquals(0, Await.on(cat.waitFor()));
        assertEquals(0, cat.returncode());
    }

    @Test // Mirrors test_subprocess.SubprocessMixin.test_communicate
    @Async
    void communicate() throws IOException {
        Subprocess p = Await.on(Asyncio.createSubprocessExec(List.of("sh", "-c", "cat; echo oops >&2; exit 3")));
        Subprocess.Output out = Await.on(p.communicate(bytes("some data")));
        assertEquals("some data", text(out.stdout()));
        assertEquals("oops\n", text(out.stderr()));
        assertEquals(3, out.exitCode());
    }

    @Test // Mirrors test_subprocess.SubprocessMixin.test_terminate and test_kill
    @Async
    void terminateAndKill() throws IOException {
        Subprocess sleeper = Await.on(Asyncio.createSubprocessExec(List.of("sleep", "60")));
        assertNull(sleeper.returncode());
        sleeper.terminate();
        assertEquals(128 + 15, Await.on(sleeper.waitFor()));
        Subprocess stubborn = Await.on(Asyncio.createSubprocessExec(List.of("sh", "-c", "trap '' TERM; sleep 60")));
        stubborn.kill();
        assertEquals(128 + 9, Await.on(stubborn.waitFor()));
    }

    @Test // A child writing far more than the reader's limit is throttled by its pipe; nothing is lost
    @Async
    void largeOutputIsThrottledNotLost() throws IOException {
        byte[] input = new byte[8 << 20];
        new Random(3).nextBytes(input);
        Subprocess cat = Await.on(Asyncio.createSubprocessExec(List.of("cat")));
        Task<Subprocess.Output> talking = Asyncio.createTask(cat.communicate(input));
        Subprocess.Output out = Await.on(talking);
        assertArrayEquals(input, out.stdout());
        assertEquals(0, out.stderr().length);
    }

    @Test // The loop keeps running other work while children run: a pipeline of two processes
    @Async
    void pipelineBetweenTwoChildren() throws IOException {
        Subprocess producer = Await.on(Asyncio.createSubprocessExec(List.of("sh", "-c", "for i in 3 1 2; do echo $i; done")));
        Subprocess sorter = Await.on(Asyncio.createSubprocessExec(List.of("sort")));
        byte[] chunk;
        while ((chunk = Await.on(producer.stdout().read(1024))).length > 0) {
            sorter.stdin().write(chunk);
            Await.on(sorter.stdin().drain());
        }
        sorter.stdin().close();
        assertEquals("1\n2\n3\n", text(Await.on(sorter.stdout().read(-1))));
        assertEquals(0, Await.on(producer.waitFor()));
        assertEquals(0, Await.on(sorter.waitFor()));
    }

    @Test // Redirects other than pipes leave their streams null
    @Async
    void redirectsLeaveStreamsNull() throws IOException {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "echo out; echo err >&2")
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectErrorStream(true);
        Subprocess p = Await.on(Asyncio.createSubprocessExec(builder));
        assertNull(p.stdin());
        assertNull(p.stderr());
        Subprocess.Output out = Await.on(p.communicate(null));
        assertEquals("out\nerr\n", text(out.stdout()));
        assertNull(out.stderr());
    }

    @Test // A command that does not exist fails at the await with the JDK's IOException
    @Async
    void missingCommand() throws IOException {
        assertInstanceOf(IOException.class,
                Await.on(failureOf(Asyncio.createSubprocessExec(List.of("no-such-command-weft")))));
    }

    @Test // Writing to a child that exited without reading: drain reports the broken pipe, communicate does not
    @Async
    void childThatIgnoresItsInput() throws IOException {
        Subprocess p = Await.on(Asyncio.createSubprocessExec(List.of("true")));
        Await.on(p.waitFor());
        Subprocess.Output out = Await.on(p.communicate(new byte[1 << 20]));
        assertEquals(0, out.exitCode());
        assertNotEquals(null, out.stdout());
    }
}
