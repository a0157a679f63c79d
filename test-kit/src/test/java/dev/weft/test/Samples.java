package dev.weft.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Runner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Test classes that {@link WeftExtensionTest} runs through the JUnit engine, each showing one
 * behaviour of the extension. Surefire skips nested classes, so they only run from there.
 * {@code WeftExtensionTest} checks the source lines the failures name: keep the line numbers.
 */
final class Samples {
    private Samples() {
    }

    @Async
    static Coroutine<Void> sleepAnHour() {
        Await.on(Asyncio.sleep(3600));
        return Coroutine.done();
    }

    @Async
    static Coroutine<Void> failSoon() {
        Await.on(Asyncio.sleep(0));
        throw new IllegalStateException("nobody looks at this");
    }

    @Async
    static Coroutine<Double> sleepThenTime(double seconds) {
        Await.on(Asyncio.sleep(seconds));
        return Coroutine.of(Asyncio.getRunningLoop().time());
    }

    @ExtendWith(WeftExtension.class)
    static class Clean {
        @Async
        static Coroutine<Boolean> debugged() {
            Await.on(Asyncio.createTask(Asyncio.sleep(0.01), "short"));
            return Coroutine.of(Asyncio.getRunningLoop().isDebug());
        }

        @Test
        void awaitsEverything() {
            assertTrue(Asyncio.run(debugged()), "the extension puts the loop in debug mode");
            try (var loop = new EventLoop()) {
                assertFalse(loop.isVirtualTime(), "real time unless @VirtualTime");
            }
        }
    }

    @ExtendWith(WeftExtension.class)
    static class LeaksATask {
        @Async
        static Coroutine<Void> leak() {
            Asyncio.createTask(sleepAnHour(), "sleeper");
            Await.on(Asyncio.sleep(0));
            return Coroutine.done();
        }

        @Test
        void leavesItPending() {
            Asyncio.run(leak());
        }

        @Test
        @AllowPendingTasks
        void isAllowedTo() {
            Asyncio.run(leak());
        }

        @Async
        static Coroutine<Void> startShortTask() {
            Asyncio.createTask(Asyncio.sleep(0.01), "short");
            Await.on(Asyncio.sleep(0));
            return Coroutine.done();
        }

        @Test
        void finishesItInTheNextRun() {
            try (var runner = new Runner()) {
                runner.run(startShortTask());
                runner.run(Asyncio.sleep(0.05));
            }
        }
    }

    @ExtendWith(WeftExtension.class)
    static class DropsAnException {
        @Async
        static Coroutine<Void> drop() {
            Asyncio.createTask(failSoon(), "failing");
            Await.on(Asyncio.sleep(0.05));
            return Coroutine.done();
        }

        @Test
        void neverRetrievesIt() {
            Asyncio.run(drop());
        }
    }

    @ExtendWith(WeftExtension.class)
    static class ForgetsAnAwait {
        @Async
        static Coroutine<Void> forget() {
            sleepAnHour();
            Await.on(Asyncio.sleep(0));
            return Coroutine.done();
        }

        @Test
        void createsACoroutineAndDropsIt() {
            Asyncio.run(forget());
        }
    }

    @ExtendWith(WeftExtension.class)
    static class HoldsTheLoop {
        @Async
        static Coroutine<Void> block() throws InterruptedException {
            Await.on(Asyncio.sleep(0));
            Thread.sleep(300);
            Await.on(Asyncio.sleep(0));
            return Coroutine.done();
        }

        @Test
        @SlowStep(0.1)
        void longerThanAllowed() throws InterruptedException {
            Asyncio.run(block());
        }

        @Test
        @SlowStep(30)
        void withinItsLimit() throws InterruptedException {
            Asyncio.run(block());
        }
    }

    @ExtendWith(WeftExtension.class)
    static class SkipsIdleTime {
        @Test
        @VirtualTime
        void sleepsAnHourAtOnce() {
            assertEquals(3600, Asyncio.run(sleepThenTime(3600)), 1.0);
        }
    }

    @ExtendWith(WeftExtension.class)
    @VirtualTime
    static class SkipsIdleTimeInEveryTest {
        @Test
        void underRunner() {
            try (var runner = new Runner()) {
                assertTrue(runner.getLoop().isVirtualTime());
                assertEquals(7200, runner.run(sleepThenTime(7200)), 1.0);
            }
        }
    }

    /** Without the extension, a leaked task passes unnoticed, as it always did. */
    static class Unwatched {
        @Test
        void leaksUnnoticed() {
            Asyncio.run(LeaksATask.leak());
        }
    }

    @ExtendWith(WeftExtension.class)
    static class FailsAndLeaks {
        @Test
        void failsItself() {
            Asyncio.run(LeaksATask.leak());
            throw new AssertionError("the test's own failure");
        }
    }

    /** A loop started before each test and shut down after it, the test running its work on it. */
    @ExtendWith(WeftExtension.class)
    static class StartsALoopBeforeEach {
        private EventLoop loop;

        @BeforeEach
        void startTheLoop() {
            loop = EventLoop.startOnNewThread("per-test");
        }

        @AfterEach
        void shutItDown() {
            loop.shutdown();
        }

        @Test
        void runsItInDebugMode() throws Exception {
            assertTrue(Asyncio.runCoroutineThreadsafe(Clean.debugged(), loop).get());
        }

        @Test
        void leavesATaskPendingOnIt() throws Exception {
            Asyncio.runCoroutineThreadsafe(LeaksATask.leak(), loop).get();
        }
    }

    /** A runner kept in a field: {@code @BeforeEach} makes its loop, {@code @AfterEach} closes it. */
    @ExtendWith(WeftExtension.class)
    @VirtualTime
    static class KeepsARunnerInAField {
        private final Runner runner = new Runner();

        @BeforeEach
        void makeTheLoop() {
            assertTrue(runner.getLoop().isVirtualTime(), "the loop @BeforeEach makes runs on virtual time");
        }

        @AfterEach
        void closeIt() {
            runner.close();
        }

        @Test
        void sleepsAnHourAtOnce() {
            assertEquals(3600, runner.run(sleepThenTime(3600)), 1.0);
        }
    }

    /** A loop made by a field initializer, so in the constructor JUnit calls for each test. */
    @ExtendWith(WeftExtension.class)
    static class MakesALoopInItsConstructor {
        private final EventLoop loop = new EventLoop();

        @AfterEach
        void closeIt() {
            loop.close();
        }

        @Test
        void runsItInDebugMode() {
            assertTrue(loop.isDebug());
        }
    }

    /** One instance for all its tests, whose field initializer makes a loop that {@code @AfterAll} closes. */
    @ExtendWith(WeftExtension.class)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class OneInstanceForTheClass {
        private final EventLoop loop = new EventLoop();

        @AfterAll
        void closeIt() {
            loop.close();
        }

        @Test
        void runsItInDebugMode() {
            assertTrue(loop.isDebug());
        }
    }

    /** Cleans up after each test with a run that leaves a task pending. */
    @ExtendWith(WeftExtension.class)
    static class LeaksInAfterEach {
        @AfterEach
        void cleanUp() {
            Asyncio.run(LeaksATask.leak());
        }

        @Test
        void passesOnItsOwn() {
            assertTrue(Asyncio.run(Clean.debugged()));
        }
    }

    /** Makes a loop before each test and never closes it. */
    @ExtendWith(WeftExtension.class)
    static class NeverClosesItsLoop {
        private EventLoop loop;

        @BeforeEach
        void makeALoop() {
            loop = new EventLoop();
        }

        @Test
        void usesIt() {
            assertTrue(loop.isDebug());
        }
    }

    /** One loop for the whole class: started in {@code @BeforeAll}, shut down in {@code @AfterAll}. */
    @ExtendWith(WeftExtension.class)
    static class SharesALoopAcrossTheClass {
        private static EventLoop loop;

        @BeforeAll
        static void startTheLoop() {
            loop = EventLoop.startOnNewThread("per-class");
        }

        @AfterAll
        static void shutItDown() {
            loop.shutdown();
        }

        @Test
        void leavesATaskPendingOnIt() throws Exception {
            assertTrue(Asyncio.runCoroutineThreadsafe(Clean.debugged(), loop).get());
            Asyncio.runCoroutineThreadsafe(LeaksATask.leak(), loop).get();
        }
    }

    /** {@code @Test @Async void} tests: entry points, each running its body on a fresh loop as Asyncio.run does. */
    @ExtendWith(WeftExtension.class)
    static class AsyncVoidTests {
        @Test
        @Async
        void awaitsEverything() {
            assertTrue(Await.on(Clean.debugged()), "the test's own loop is in debug mode");
        }

        @Test
        @Async
        void leavesATaskPending() {
            Asyncio.createTask(sleepAnHour(), "sleeper");
            Await.on(Asyncio.sleep(0));
        }

        @Test
        @Async
        @AllowPendingTasks
        void isAllowedToLeaveIt() {
            Await.on(LeaksATask.leak());
        }

        @Test
        @Async
        @VirtualTime
        void sleepsAnHourAtOnce() {
            assertEquals(3600, Await.on(sleepThenTime(3600)), 1.0);
        }

        @Test
        @Async
        void failsAndLeaks() {
            Await.on(LeaksATask.leak());
            throw new AssertionError("the test's own failure");
        }
    }

    @ExtendWith(WeftExtension.class)
    static class LowersItsLoopsLimit {
        @Test // under the default @SlowStep of 1 s, with a loop of its own set lower
        void holdsTheLoopLongerThanItsOwnLimit() throws InterruptedException {
            try (Runner runner = new Runner()) {
                runner.getLoop().setSlowCallbackDuration(0.05);
                runner.run(HoldsTheLoop.block());
            }
        }
    }
}
