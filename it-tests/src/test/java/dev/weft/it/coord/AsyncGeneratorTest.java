package dev.weft.it.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.AsyncGenerator;
import dev.weft.AsyncIterator;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.CancelledError;
import dev.weft.Coroutine;
import dev.weft.Future;
import dev.weft.Task;
import dev.weft.it.Fixtures;
import dev.weft.test.WeftExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Async generators ({@code @Async} methods returning {@link AsyncGenerator}), after CPython's
 * {@code Lib/test/test_asyncgen.py::AsyncGenAsyncioTest}.
 */
@ExtendWith(WeftExtension.class)
class AsyncGeneratorTest {
    /** What the generators below did, in order. */
    static final List<String> log = new ArrayList<>();

    @Async
    static Coroutine<List<Integer>> toList(AsyncGenerator<Integer> gen) {
        List<Integer> res = new ArrayList<>();
        for (int i : Await.each(gen)) {
            res.add(i);
        }
        return Coroutine.of(res);
    }

    @Async
    static AsyncGenerator<Integer> oneTwo() {
        Await.yield(1);
        Await.on(Asyncio.sleep(0.01));
        Await.yield(2);
        Await.on(Asyncio.sleep(0.01));
        return AsyncGenerator.end();
    }

    /** Mirrors test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_01. */
    @Test
    @Async
    void yieldsAcrossAwaits() {
        assertEquals(List.of(1, 2), Await.on(toList(oneTwo())));
    }

    @Async
    static AsyncGenerator<Integer> failsAfterTwo() {
        Await.yield(1);
        Await.on(Asyncio.sleep(0.01));
        Await.yield(2);
        Await.yield(1 / (log.size() - log.size()));
        return AsyncGenerator.end();
    }

    /** Mirrors test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_02: the generator's exception reaches the loop. */
    @Test
    @Async
    void exceptionInGeneratorReachesConsumer() {
        assertInstanceOf(ArithmeticException.class, Await.on(Fixtures.failureOf(toList(failsAfterTwo()))));
    }

    @Async
    static AsyncGenerator<Integer> withRecovery() {
        Await.yield(1);
        Await.on(Asyncio.sleep(0.01));
        Await.yield(2);
        Await.yield(3);
        Await.on(Asyncio.sleep(0.01));
        Await.yield(4);
        return AsyncGenerator.end();
    }

    /**
     * Mirrors test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_anext_04 (run1): manual
     * iteration; an exhausted generator keeps answering false.
     */
    @Test
    @Async
    void manualIteration() {
        AsyncIterator<Integer> it = withRecovery().iterator();
        List<Integer> seen = new ArrayList<>();
        while (Await.on(it.hasNext())) {
            seen.add(it.next());
        }
        assertEquals(List.of(1, 2, 3, 4), seen);
        assertFalse(Await.on(it.hasNext()));
        assertFalse(Await.on(it.hasNext()));
    }

    @Async
    static AsyncGenerator<Integer> yieldsInFinally() {
        try {
            Await.yield(1);
            Await.yield(1 / (log.size() - log.size()));
        } finally {
            Await.on(Asyncio.sleep(0.01));
            Await.yield(12);
        }
        return AsyncGenerator.end();
    }

    @Async
    static Coroutine<Void> firstThenClose(AsyncGenerator<Integer> gen) {
        AsyncIterator<Integer> it = gen.iterator();
        Await.on(it.hasNext());
        Await.on(gen.aclose());
        return Coroutine.done();
    }

    /**
     * Mirrors test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_aclose_06: a generator
     * that yields while being closed is an error.
     */
    @Test
    @Async
    void yieldingWhileClosedIsAnError() {
        IllegalStateException e = assertInstanceOf(IllegalStateException.class,
                Await.on(Fixtures.failureOf(firstThenClose(yieldsInFinally()))));
        assertTrue(e.getMessage().contains("GeneratorExit"), e.getMessage());
    }

    @Async
    static AsyncGenerator<Integer> finallyAwaitsTwice(int[] done) {
        try {
            Await.yield(1);
            Await.yield(1 / (log.size() - log.size()));
        } finally {
            Await.on(Asyncio.sleep(0.01));
            Await.on(Asyncio.sleep(0.01));
            done[0] += 1;
        }
        done[0] += 1000;
        return AsyncGenerator.end();
    }

    /** Mirrors test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_aclose_07: aclose() runs finally blocks that await. */
    @Test
    @Async
    void acloseRunsFinallyThatAwaits() {
        int[] done = new int[1];
        Await.on(firstThenClose(finallyAwaitsTwice(done)));
        assertEquals(1, done[0]);
    }

    @Async
    static AsyncGenerator<Integer> waitsOnFuture(Future<Void> fut, int[] done) {
        try {
            Await.yield(1);
            Await.on(fut);
            done[0] += 1000;
            Await.yield(2);
        } finally {
            Await.on(Asyncio.sleep(0.01));
            Await.on(Asyncio.sleep(0.01));
            done[0] += 1;
        }
        done[0] += 1000;
        return AsyncGenerator.end();
    }

    /** Mirrors test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_aclose_08: closing skips the rest of the body. */
    @Test
    @Async
    void acloseSkipsTheRestOfTheBody() {
        int[] done = new int[1];
        Future<Void> fut = Asyncio.getRunningLoop().createFuture();
        AsyncGenerator<Integer> gen = waitsOnFuture(fut, done);
        assertTrue(Await.on(gen.hasNext()));
        assertEquals(1, gen.next());
        Await.on(gen.aclose());
        assertTrue(gen.isFinished());
        fut.cancel();
        assertEquals(1, done[0]);
    }

    @Async
    static AsyncGenerator<Object> swallowsGeneratorExit(int[] done) {
        try {
            Await.yield(null);
        } catch (Throwable anything) {
            // Python's bare except: catches GeneratorExit too
        }
        done[0] = 1;
        return AsyncGenerator.end();
    }

    @Async
    static Coroutine<Void> startThenClose(AsyncGenerator<Object> gen, int[] done) {
        Await.on(gen.hasNext());
        Await.on(gen.aclose());
        done[0] += 10;
        return Coroutine.done();
    }

    /**
     * Mirrors test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_aclose_10: a generator
     * that catches GeneratorExit and returns is closed without error.
     */
    @Test
    @Async
    void generatorReturningAfterGeneratorExitClosesCleanly() {
        int[] done = new int[1];
        Await.on(startThenClose(swallowsGeneratorExit(done), done));
        assertEquals(11, done[0]);
    }

    @Async
    static AsyncGenerator<Object> yieldsAfterGeneratorExit(int[] done) {
        try {
            Await.yield(null);
        } catch (Throwable anything) {
            // swallowed, then the generator yields again: an error
        }
        Await.yield(null);
        done[0] += 1;
        return AsyncGenerator.end();
    }

    @Async
    static Coroutine<Void> closeExpectingError(AsyncGenerator<Object> gen, int[] done) {
        Await.on(gen.hasNext());
        Throwable failure = Await.on(Fixtures.failureOf(gen.aclose()));
        assertInstanceOf(IllegalStateException.class, failure);
        assertTrue(failure.getMessage().contains("must not catch GeneratorExit"), failure.getMessage());
        done[0] += 10;
        return Coroutine.done();
    }

    /** Mirrors test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_aclose_11. */
    @Test
    @Async
    void generatorYieldingAfterGeneratorExitFailsTheClose() {
        int[] done = new int[1];
        Await.on(closeExpectingError(yieldsAfterGeneratorExit(done), done));
        assertEquals(10, done[0]);
    }

    @Async
    static Coroutine<Void> failLater() {
        Await.on(Asyncio.sleep(0.01));
        throw new ArithmeticException("/ by zero");
    }

    @Async
    static AsyncGenerator<Integer> awaitsTaskInFinally(int[] done) {
        Task<Void> task = Asyncio.createTask(failLater());
        try {
            Await.yield(1);
        } finally {
            try {
                Await.on(task);
            } catch (ArithmeticException e) {
                done[0] = 1;
            }
        }
        return AsyncGenerator.end();
    }

    /** Mirrors test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_aclose_12. */
    @Test
    @Async
    void acloseAwaitsATaskInFinally() {
        int[] done = new int[1];
        Await.on(firstThenClose(awaitsTaskInFinally(done)));
        assertEquals(1, done[0]);
    }

    @Async
    static Coroutine<Void> sleepAndCrash(double delay) {
        Await.on(Asyncio.sleep(delay));
        throw new ArithmeticException("/ by zero");
    }

    @Async
    static AsyncGenerator<Integer> crashesInside(int[] done) {
        try {
            Await.on(Asyncio.sleep(0.01));
            Await.yield(1);
            Await.on(sleepAndCrash(0.01));
            done[0] += 1000;
            Await.yield(2);
        } finally {
            Await.on(Asyncio.sleep(0.01));
            Await.on(Asyncio.sleep(0.01));
            done[0] = 1;
        }
        return AsyncGenerator.end();
    }

    @Async
    static Coroutine<Void> twoSteps(AsyncGenerator<Integer> gen) {
        assertTrue(Await.on(gen.hasNext()));
        assertEquals(1, gen.next());
        Await.on(gen.hasNext());
        return Coroutine.done();
    }

    /**
     * Mirrors test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_asend_02: an exception
     * from an await inside the generator runs its finally blocks, then reaches the consumer.
     */
    @Test
    @Async
    void exceptionFromInnerAwaitRunsFinallyThenPropagates() {
        int[] done = new int[1];
        assertInstanceOf(ArithmeticException.class, Await.on(Fixtures.failureOf(twoSteps(crashesInside(done)))));
        assertEquals(1, done[0]);
    }

    @Async
    static AsyncGenerator<Integer> sleepsLong(int[] done) {
        try {
            Await.yield(1);
            Await.on(Asyncio.sleep(10));
            done[0] += 1000;
            Await.yield(2);
        } finally {
            Await.on(Asyncio.sleep(0.01));
            done[0] = 1;
        }
        return AsyncGenerator.end();
    }

    /**
     * Mirrors test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_asend_03: cancelling the
     * consumer while the generator awaits cancels the generator's await; its finally blocks run.
     */
    @Test
    @Async
    void cancellationInsideGeneratorRunsFinally() {
        int[] done = new int[1];
        Task<Void> consumer = Asyncio.createTask(twoSteps(sleepsLong(done)));
        Await.on(Asyncio.sleep(0.01));
        consumer.cancel();
        assertInstanceOf(CancelledError.class, Await.on(Fixtures.failureOf(consumer)));
        assertEquals(1, done[0]);
    }

    @Async
    static AsyncGenerator<Integer> countdown(int n) {
        try {
            while (n > 0) {
                Await.on(Asyncio.sleep(0));
                Await.yield(n--); // n is already decremented while the consumer holds the value
            }
            return AsyncGenerator.end();
        } finally {
            Await.on(Asyncio.sleep(0));
            log.add("closed at " + n);
        }
    }

    @Async
    static Coroutine<Integer> breakAt(int stop) {
        int last = -1;
        for (int x : Await.each(countdown(5))) {
            if (x == stop) {
                break;
            }
            last = x;
        }
        log.add("after loop");
        return Coroutine.of(last);
    }

    /**
     * Mirrors test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_shutdown_02: breaking out
     * of async for closes the generator at once (its awaiting finally runs before the loop's next
     * statement), rather than leaving it to a shutdown hook.
     */
    @Test
    @Async
    void breakClosesTheGenerator() {
        log.clear();
        assertEquals(4, Await.on(breakAt(3)));
        assertEquals(List.of("closed at 2", "after loop"), log);
    }

    @Async
    static Coroutine<String> returnFromLoop() {
        for (int x : Await.each(countdown(5))) {
            if (x == 4) {
                return Coroutine.of("returned at " + x);
            }
        }
        return Coroutine.of("not found");
    }

    /** After test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_shutdown_02: return inside async for closes too. */
    @Test
    @Async
    void returnClosesTheGenerator() {
        log.clear();
        assertEquals("returned at 4", Await.on(returnFromLoop()));
        assertEquals(List.of("closed at 3"), log);
    }

    @Async
    static Coroutine<Void> throwFromLoop() {
        for (int x : Await.each(countdown(5))) {
            if (x == 2) {
                throw new IllegalArgumentException("consumer fails at " + x);
            }
        }
        return Coroutine.done();
    }

    /** After test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_shutdown_02: an exception in the loop body closes too. */
    @Test
    @Async
    void exceptionInLoopBodyClosesTheGenerator() {
        log.clear();
        IllegalArgumentException e = assertInstanceOf(IllegalArgumentException.class, Await.on(Fixtures.failureOf(throwFromLoop())));
        assertEquals("consumer fails at 2", e.getMessage());
        assertEquals(List.of("closed at 1"), log);
    }

    /** After test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_shutdown_02: continue of an outer loop closes the inner generator. */
    @Test
    @Async
    void continueOuterClosesInnerGenerators() {
        log.clear();
        outer:
        for (int a : Await.each(countdown(2))) {
            for (int b : Await.each(countdown(3))) {
                if (b == 2) {
                    continue outer;
                }
            }
        }
        assertEquals(List.of("closed at 1", "closed at 1", "closed at 0"), log);
    }

    @Async
    static AsyncGenerator<Integer> arange(int n) {
        for (int i = 0; i < n; i++) {
            Await.on(Asyncio.sleep(0.001));
            Await.yield(i);
        }
        return AsyncGenerator.end();
    }

    @Async
    static AsyncGenerator<Integer> doubled(AsyncGenerator<Integer> source) {
        for (int i : Await.each(source)) {
            Await.yield(i * 2);
        }
        return AsyncGenerator.end();
    }

    /** Mirrors test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_expression_01: a generator over a generator. */
    @Test
    @Async
    void generatorOverGenerator() {
        assertEquals(List.of(0, 2, 4, 6, 8, 10, 12, 14, 16, 18), Await.on(toList(doubled(arange(10)))));
    }

    /** Mirrors test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_aclose_twice_with_different_coros. */
    @Test
    @Async
    void acloseTwice() {
        AsyncGenerator<Integer> it = oneTwo();
        Await.on(it.aclose());
        Await.on(it.aclose());
        assertFalse(Await.on(it.hasNext()), "a generator closed before it started never runs");
    }

    /** Mirrors test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_aclose_after_exhaustion. */
    @Test
    @Async
    void acloseAfterExhaustion() {
        log.clear();
        AsyncGenerator<Integer> it = countdown(2);
        for (int x : Await.each(it)) {
            log.add("got " + x);
        }
        Await.on(it.aclose());
        assertEquals(List.of("got 2", "got 1", "closed at 0"), log);
    }

    /** Mirrors test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_await_same_aclose_coro_twice. */
    @Test
    @Async
    void sameAcloseCoroutineCannotBeAwaitedTwice() {
        AsyncGenerator<Integer> it = oneTwo();
        Coroutine<Void> close = it.aclose();
        Await.on(close);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.createTask(close));
        assertTrue(e.getMessage().contains("runs once"), e.getMessage());
    }

    /** Mirrors test_asyncgen.py::AsyncGenAsyncioTest::test_asyncgen_nonstarted_hooks_are_cancellable. */
    @Test
    @Async
    void closingANonStartedGeneratorRunsNothing() {
        log.clear();
        AsyncGenerator<Integer> gen = countdown(3);
        Await.on(gen.aclose());
        assertTrue(gen.isFinished());
        assertEquals(List.of(), log, "a generator that never started has no finally to run");
    }

    /**
     * Mirrors test_asyncgen.py::TestUnawaitedWarnings::test_asend_send_already_running and
     * test_athrow_send_already_running: a generator iterated or closed while it runs fails clearly.
     */
    @Test
    @Async
    void concurrentIterationFailsClearly() {
        AsyncGenerator<Integer> gen = sleepsLong(new int[1]);
        assertTrue(Await.on(gen.hasNext()));
        gen.next(); // taken: the next hasNext() runs the body again
        Task<Boolean> first = Asyncio.createTask(gen.hasNext()); // the generator now sleeps inside
        Await.on(Asyncio.sleep(0));
        Throwable second = Await.on(Fixtures.failureOf(gen.hasNext()));
        assertInstanceOf(IllegalStateException.class, second);
        assertTrue(second.getMessage().contains("already running"), second.getMessage());
        assertTrue(second.getMessage().contains("two consumers"), second.getMessage());

        Throwable close = Await.on(Fixtures.failureOf(gen.aclose()));
        assertInstanceOf(IllegalStateException.class, close);
        assertTrue(close.getMessage().startsWith("aclose(): async generator"), close.getMessage());

        first.cancel();
        Await.on(Fixtures.failureOf(first));
        assertTrue(gen.isFinished());
    }

    @Async
    static AsyncGenerator<Integer> countsItsEnd(int[] ends) {
        Await.yield(1);
        Await.on(Asyncio.sleep(0));
        ends[0]++;
        return AsyncGenerator.end();
    }

    /**
     * After test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_await_same_anext_coro_twice: in
     * Weft the coroutine hasNext() returns is the generator itself (no allocation per step), so
     * awaiting it again asks for the next value; after the end it answers false.
     */
    @Test
    @Async
    void hasNextAfterTheEndAnswersFalse() {
        int[] ends = new int[1];
        AsyncGenerator<Integer> gen = countsItsEnd(ends);
        assertEquals(List.of(1), Await.on(toList(gen)));
        Coroutine<Boolean> again = gen;
        assertFalse(Await.on(again), "an ended generator awaited again has nothing more");
        assertEquals(1, ends[0], "and does not run its last steps again");
    }

    @Async
    static AsyncGenerator<Integer> failsImmediately() {
        throw new UnsupportedOperationException("nothing to give");
    }

    /** After test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_02: a failed generator is finished. */
    @Test
    @Async
    void generatorFailingBeforeItsFirstYieldIsFinished() {
        AsyncGenerator<Integer> gen = failsImmediately();
        Throwable failure = Await.on(Fixtures.failureOf(gen.hasNext()));
        assertInstanceOf(UnsupportedOperationException.class, failure);
        assertTrue(gen.isFinished());
        assertFalse(Await.on(gen.hasNext()));
        assertNull(Await.on(Fixtures.failureOf(gen.aclose())));
    }

    @Async
    static AsyncGenerator<Integer> tenTimes(AsyncGenerator<Integer> source) {
        try {
            for (int i : Await.each(source)) {
                Await.yield(i * 10);
            }
            return AsyncGenerator.end();
        } finally {
            log.add("outer closed");
        }
    }

    /**
     * After test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_expression_01 and
     * test_async_gen_asyncio_aclose_07: closing a generator that is inside its own async for closes
     * the generator it iterates first (innermost finally blocks run first, as in Python).
     */
    @Test
    @Async
    void closingAnOuterGeneratorClosesTheInnerOne() {
        log.clear();
        AsyncGenerator<Integer> outer = tenTimes(countdown(5));
        assertTrue(Await.on(outer.hasNext()));
        assertEquals(50, outer.next());
        Await.on(outer.aclose());
        assertEquals(List.of("closed at 4", "outer closed"), log);
    }

}
