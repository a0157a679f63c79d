package dev.weft.it.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.AsyncGenerator;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Task;
import dev.weft.test.AllowPendingTasks;
import dev.weft.test.WeftExtension;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code @Async void} entry points, woven by the plugin: the tests marked {@code @Test @Async} are
 * themselves entry points that JUnit calls like any other test, each running on a fresh loop.
 */
@ExtendWith(WeftExtension.class)
class EntryPointTest {
    private Thread testThread;
    private final List<String> log = new ArrayList<>();
    private Task<Void> leftover;
    private EventLoop leftoverLoop;

    @BeforeEach
    void rememberTheThread() {
        testThread = Thread.currentThread();
    }

    @Async
    static Coroutine<Integer> doubled(int x) {
        Await.on(Asyncio.sleep(0.01));
        return Coroutine.of(2 * x);
    }

    @Test
    @Async
    void aTestAwaitsSleepsAndTasksOnAFreshLoopOnItsOwnThread() {
        EventLoop loop = Asyncio.getRunningLoop();
        assertSame(testThread, Thread.currentThread());
        Task<Integer> task = Asyncio.createTask(doubled(21));
        Await.on(Asyncio.sleep(0.02));
        assertTrue(task.isDone(), "the task ran while the test slept");
        assertEquals(42, Await.on(task));
        assertEquals(List.of(10, 12), Await.on(Asyncio.gather(doubled(5), doubled(6))));
        assertSame(loop, Asyncio.getRunningLoop());
    }

    @Test
    @Async
    void eachTestRunsOnALoopOfItsOwn() {
        assertFalse(Asyncio.getRunningLoop().isClosed());
        Await.on(Asyncio.sleep(0));
    }

    @Async
    private void leaveATaskBehind(String name) {
        leftoverLoop = Asyncio.getRunningLoop();
        leftover = Asyncio.createTask(sleepForever(), name);
        Await.on(Asyncio.sleep(0));
        log.add("returning");
    }

    @Async
    private Coroutine<Void> sleepForever() {
        try {
            Await.on(Asyncio.sleep(3600));
        } finally {
            log.add("leftover cancelled");
        }
        return Coroutine.done();
    }

    /** As asyncio.run: the tasks the body leaves behind are cancelled, and the loop is closed. */
    @Test
    @AllowPendingTasks
    void aLeftoverTaskIsCancelledWhenTheEntryPointReturns() {
        leaveATaskBehind("sleeper");
        assertTrue(leftover.isCancelled());
        assertEquals(List.of("returning", "leftover cancelled"), log);
        assertTrue(leftoverLoop.isClosed());
    }

    @Async
    private AsyncGenerator<Integer> numbers() {
        try {
            for (int i = 0; ; i++) {
                Await.yield(i);
            }
        } finally {
            log.add("generator closed");
        }
    }

    @Async
    private void leaveAGeneratorStarted() {
        var numbers = numbers().iterator();
        Await.on(numbers.hasNext());
        log.add("took " + numbers.next());
    }

    /** As asyncio.run's shutdown_asyncgens: a started generator left open has its finally run. */
    @Test
    void aStartedGeneratorIsClosedWhenTheEntryPointReturns() {
        leaveAGeneratorStarted();
        assertEquals(List.of("took 0", "generator closed"), log);
    }

    @Async
    private static void failWith(IOException e) throws IOException {
        Await.on(Asyncio.sleep(0));
        throw e;
    }

    @Test
    void theBodysCheckedExceptionComesOutUnwrapped() {
        IOException e = new IOException("disk full");
        assertSame(e, assertThrows(IOException.class, () -> failWith(e)));
    }

    /** Mirrors test_runners.py::test_asyncio_run_from_running_loop, for an entry point. */
    @Test
    @Async
    void callingAnEntryPointOnARunningLoopThrows() {
        Await.on(Asyncio.sleep(0));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> leaveATaskBehind("nested"));
        assertTrue(e.getMessage().contains("is an entry point"), e.getMessage());
        assertTrue(e.getMessage().contains("await the coroutine instead"), e.getMessage());
        assertEquals(List.of(), log, "the nested body never ran");
    }
}
