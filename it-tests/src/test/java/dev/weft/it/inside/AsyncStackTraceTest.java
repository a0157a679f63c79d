package dev.weft.it.inside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.Task;
import dev.weft.test.WeftExtension;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Async stack traces: an exception carries one element per awaiting coroutine, as a synchronous call chain would. */
@ExtendWith(WeftExtension.class)
class AsyncStackTraceTest {

    /**
     * The elements of {@code error}'s trace above the task driver's, from this package's coroutines
     * (not their frame classes), as text: an element made by the runtime names no class loader.
     */
    private static List<String> ours(Throwable error) {
        return Arrays.stream(error.getStackTrace())
                .takeWhile(e -> !e.getClassName().equals("dev.weft.Task"))
                .filter(e -> e.getClassName().startsWith("dev.weft.it.inside.") && !e.getClassName().contains("$$Weft$"))
                .map(StackTraceElement::toString)
                .collect(Collectors.toList());
    }

    private static List<String> text(StackTraceElement... elements) {
        return Arrays.stream(elements).map(StackTraceElement::toString).collect(Collectors.toList());
    }

    private static void assertNoGeneratedNames(Throwable error) {
        for (StackTraceElement e : error.getStackTrace()) {
            assertFalse(e.getClassName().contains("$$Weft$"), () -> "frame class in " + Arrays.toString(error.getStackTrace()));
            assertFalse(e.getMethodName().startsWith("$") || e.getMethodName().startsWith("weft$"),
                    () -> "generated method in " + Arrays.toString(error.getStackTrace()));
        }
    }

    /** The example: thrown three deep after a suspension, the trace names every level at its await line. */
    @Test
    void awaitersAppearBelowTheThrowerAfterASuspension() {
        Deep deep = new Deep();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Asyncio.run(deep.level1(6)));
        assertEquals("level3 rejected 12", e.getMessage());
        assertEquals(text(deep.level3(), deep.level2(), deep.level1()), ours(e));
        assertNoGeneratedNames(e);
        int driver = indexOf(e, "dev.weft.Task", "drive");
        assertTrue(driver > 0 && e.getStackTrace()[driver - 1].toString().equals(deep.level1().toString()),
                "the awaiters come right above the task's driver");
    }

    private static int indexOf(Throwable e, String className, String method) {
        StackTraceElement[] trace = e.getStackTrace();
        for (int i = 0; i < trace.length; i++) {
            if (trace[i].getClassName().equals(className) && trace[i].getMethodName().equals(method)) {
                return i;
            }
        }
        return -1;
    }

    static int throwLine;
    static int catchAwaitLine;

    @Async
    static Coroutine<Integer> rejectNow(int n) {
        throwLine = Lines.here(); throw new IllegalArgumentException("rejected " + n);
    }

    @Async
    static Coroutine<Throwable> catchInline() {
        try {
            catchAwaitLine = Lines.here(); Await.on(rejectNow(1));
        } catch (IllegalArgumentException e) {
            return Coroutine.of(e);
        }
        return Coroutine.of(null);
    }

    /**
     * An exception caught inside the coroutine that awaited it never reaches the task's driver: the
     * catch clause drops the plumbing, so the trace reads thrower, awaiter, driver.
     */
    @Test
    void anExceptionCaughtInsideTheCoroutineShowsNoGeneratedNames() {
        Throwable caught = Asyncio.run(catchInline());
        String file = "AsyncStackTraceTest.java";
        String type = AsyncStackTraceTest.class.getName();
        StackTraceElement awaiter = new StackTraceElement(type, "catchInline", file, catchAwaitLine);
        assertEquals(text(new StackTraceElement(type, "rejectNow", file, throwLine), awaiter), ours(caught));
        assertNoGeneratedNames(caught);
        int driver = indexOf(caught, "dev.weft.Task", "drive");
        assertEquals(awaiter.toString(), caught.getStackTrace()[driver - 1].toString(), "the driver right below the awaiter");
    }

    static int selfThrowLine;

    @Async
    static Coroutine<Throwable> throwAndCatch() {
        try {
            selfThrowLine = Lines.here(); throw new IllegalStateException("caught at once");
        } catch (IllegalStateException e) {
            return Coroutine.of(e);
        }
    }

    /** Thrown and caught in one body, after no await at all: still no frame class and no {@code $step}. */
    @Test
    void anExceptionThrownAndCaughtInOneBodyShowsNoGeneratedNames() {
        Throwable caught = Asyncio.run(throwAndCatch());
        assertEquals(text(new StackTraceElement(AsyncStackTraceTest.class.getName(), "throwAndCatch", "AsyncStackTraceTest.java", selfThrowLine)),
                ours(caught));
        assertNoGeneratedNames(caught);
    }

    static int watcherLine;

    @Async
    static Coroutine<Integer> watch(Task<Integer> task) {
        watcherLine = Lines.here(); int r = Await.on(task);
        return Coroutine.of(r);
    }

    /** A task awaiting a failed task shows its own chain below the failed task's. */
    @Test
    void aTaskAwaitingAnotherShowsItsChainBelow() {
        Deep deep = new Deep();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Asyncio.run(Bodies.coroutine(() -> {
            Task<Integer> failing = Asyncio.createTask(deep.level1(2), "failing");
            Await.on(watch(failing));
            return Coroutine.done();
        })));
        List<String> chain = ours(e);
        StackTraceElement watcher = new StackTraceElement(AsyncStackTraceTest.class.getName(), "watch", "AsyncStackTraceTest.java", watcherLine);
        assertEquals(text(deep.level3(), deep.level2(), deep.level1(), watcher), chain.subList(0, 4));
        assertEquals(5, chain.size(), "and the test's own lambda, which awaits watch(): " + chain);
        assertTrue(chain.get(4).contains(".lambda$"), chain.toString());
        assertNoGeneratedNames(e);
    }

    @Async
    static Coroutine<Void> failsAfterSuspending(IllegalStateException error) {
        Await.on(Asyncio.sleep(0));
        throw error;
    }

    @Async
    static Coroutine<Void> wrapper(IllegalStateException error) {
        Await.on(failsAfterSuspending(error));
        return Coroutine.done();
    }

    /** Awaits a coroutine throwing {@code error} {@code attempts} times, catching it each time. */
    @Async
    static Coroutine<Integer> retry(IllegalStateException error, int attempts, boolean wrapped) {
        int failures = 0;
        for (int i = 0; i < attempts; i++) {
            try {
                Await.on(wrapped ? wrapper(error) : failsAfterSuspending(error));
            } catch (IllegalStateException e) {
                failures++;
            }
        }
        return Coroutine.of(failures);
    }

    @Async
    static Coroutine<Integer> retryInTasks(IllegalStateException error, int tasks) {
        int failures = 0;
        for (int i = 0; i < tasks; i++) {
            failures += Await.on(Asyncio.createTask(retry(error, 1, true)));
        }
        return Coroutine.of(failures);
    }

    /** One exception object thrown again and again in one task gains that task's await chain once. */
    @Test
    void aRetryLoopDoesNotGrowTheTrace() {
        IllegalStateException error = new IllegalStateException("the same object every time");
        assertEquals(3, Asyncio.run(retry(error, 3, false)));
        int afterThree = error.getStackTrace().length;
        assertEquals(500, Asyncio.run(retry(error, 500, false)));
        assertEquals(afterThree + 1, error.getStackTrace().length, "the second run's task adds its one frame once");
    }

    /** Through fresh frames and fresh tasks each time, the growth stops at a bound. */
    @Test
    void freshTasksEveryRetryStopAtABound() {
        IllegalStateException error = new IllegalStateException("the same object every time");
        int before = error.getStackTrace().length;
        assertEquals(1500, Asyncio.run(retryInTasks(error, 1500)));
        assertTrue(error.getStackTrace().length <= before + 1024, "bounded: " + before + " -> " + error.getStackTrace().length);
    }
}
