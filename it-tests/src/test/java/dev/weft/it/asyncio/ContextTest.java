package dev.weft.it.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Context;
import dev.weft.ContextVar;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Runner;
import dev.weft.Task;
import dev.weft.TaskGroup;
import dev.weft.it.Fixtures.Boom;
import dev.weft.test.WeftExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ContextVar} and {@code Context}, as CPython's test_context.py checks them, and the
 * context cases of test_tasks.py, test_taskgroups.py, test_threads.py and test_runners.py.
 */
@ExtendWith(WeftExtension.class)
class ContextTest {
    private static final ContextVar<String> NAME = new ContextVar<>("name");
    private static final ContextVar<Integer> COUNT = new ContextVar<>("count", -1);

    /** Mirrors test_context.ContextTest.test_context_var_new_1. */
    @Test
    void aVariableHasANameAndADefault() {
        assertEquals("name", NAME.getName());
        assertEquals(-1, COUNT.get());
        assertEquals(7, COUNT.get(7));
        assertThrows(NoSuchElementException.class, NAME::get);
        assertEquals("fallback", NAME.get("fallback"));
        assertThrows(NullPointerException.class, () -> new ContextVar<String>(null));
    }

    /** Mirrors test_context.ContextTest.test_context_getset_1: set, token, reset, and what copies see. */
    @Test
    void setAndResetInAContext() {
        new Context().run(() -> {
            ContextVar.Token<String> t1 = NAME.set("spam");
            assertSame(NAME, t1.getVar());
            assertFalse(t1.hadValue());
            assertEquals("spam", NAME.get());
            Context before = Context.copyContext();
            ContextVar.Token<String> t2 = NAME.set("ham");
            assertTrue(t2.hadValue());
            assertEquals("spam", t2.getOldValue());
            assertEquals("ham", NAME.get());
            assertEquals("spam", before.get(NAME));
            assertEquals(1, before.size());
            NAME.reset(t2);
            assertEquals("spam", NAME.get());
            NAME.reset(t1);
            assertThrows(NoSuchElementException.class, NAME::get);
            assertFalse(Context.copyContext().containsKey(NAME));
        });
    }

    /** Mirrors test_context.ContextTest.test_context_getset_2: a token of another variable. */
    @Test
    void resetWithAnotherVariablesTokenThrows() {
        new Context().run(() -> {
            ContextVar<String> other = new ContextVar<>("other");
            ContextVar.Token<String> token = other.set("x");
            assertThrows(IllegalArgumentException.class, () -> NAME.reset(token));
        });
    }

    /** Mirrors test_context.ContextTest.test_context_getset_3: a token made in another context. */
    @Test
    void resetInAnotherContextThrows() {
        AtomicReference<ContextVar.Token<String>> token = new AtomicReference<>();
        new Context().run(() -> token.set(NAME.set("x")));
        new Context().run(() -> assertThrows(IllegalArgumentException.class, () -> NAME.reset(token.get())));
    }

    /** Mirrors test_context.ContextTest.test_context_getset_4: a token is used once. */
    @Test
    void aTokenIsUsedOnce() {
        new Context().run(() -> {
            ContextVar.Token<String> token = NAME.set("x");
            NAME.reset(token);
            assertThrows(IllegalStateException.class, () -> NAME.reset(token));
        });
    }

    /** Mirrors test_context.ContextTest.test_context_run_1: run returns the action's result. */
    @Test
    void callReturnsTheResult() throws Exception {
        assertEquals("ok", new Context().call(() -> "ok"));
    }

    /** Mirrors test_context.ContextTest.test_context_run_2: an exception passes through, and the context can be run again. */
    @Test
    void anExceptionLeavesTheContext() {
        Context ctx = new Context();
        Boom boom = new Boom("in run");
        assertSame(boom, assertThrows(Boom.class, () -> ctx.run(() -> {
            NAME.set("set before failing");
            throw boom;
        })));
        ctx.run(() -> assertEquals("set before failing", NAME.get()));
    }

    /** Mirrors test_context.ContextTest.test_context_run_4: values set in a run stay in that context. */
    @Test
    void valuesSetInARunStayInThatContext() {
        Context ctx1 = new Context();
        Context ctx2 = new Context();
        ctx1.run(() -> {
            NAME.set("in ctx1");
            ctx2.run(() -> {
                assertThrows(NoSuchElementException.class, NAME::get);
                NAME.set("in ctx2");
            });
            assertEquals("in ctx1", NAME.get());
        });
        assertEquals("in ctx1", ctx1.get(NAME));
        assertEquals("in ctx2", ctx2.get(NAME));
        assertThrows(NoSuchElementException.class, NAME::get);
    }

    /** Mirrors test_context.ContextTest.test_context_run_6: a context cannot be entered twice. */
    @Test
    void aContextIsEnteredOnceAtATime() {
        Context ctx = new Context();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ctx.run(() -> ctx.run(() -> { })));
        assertTrue(e.getMessage().contains("already entered"), e.getMessage());
        ctx.run(() -> { }); // and may be entered again afterwards
    }

    /** Mirrors test_context.ContextTest.test_context_copy_1: a copy changes apart from its original. */
    @Test
    void aCopyChangesApart() {
        Context ctx1 = new Context();
        ctx1.run(() -> NAME.set("original"));
        Context ctx2 = ctx1.copy();
        ctx2.run(() -> NAME.set("changed in copy"));
        assertEquals("original", ctx1.get(NAME));
        assertEquals("changed in copy", ctx2.get(NAME));
    }

    /** Mirrors test_context.ContextTest.test_context_threads_1: each thread has its own context. */
    @Test
    void eachThreadHasItsOwnContext() throws Exception {
        new Context().run(() -> {
            NAME.set("main");
            AtomicReference<Object> seen = new AtomicReference<>();
            Thread t = new Thread(() -> {
                seen.set(NAME.get("nothing"));
                NAME.set("thread");
            });
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertEquals("nothing", seen.get());
            assertEquals("main", NAME.get());
        });
    }

    @Async
    static Coroutine<String> readAfterSleep() {
        Await.on(Asyncio.sleep(0.001));
        return Coroutine.of(NAME.get("unset"));
    }

    @Async
    static Coroutine<String> setThenRead(String value) {
        NAME.set(value);
        Await.on(Asyncio.sleep(0.001));
        return Coroutine.of(NAME.get());
    }

    /** Mirrors test_tasks.BaseTaskTests.test_context_1: a task sees its creator's values; its own never leak back. */
    @Test
    @Async
    void aTaskRunsInACopyOfItsCreatorsContext() {
        NAME.set("parent");
        Task<String> child = Asyncio.createTask(setThenRead("child"));
        Task<String> reader = Asyncio.createTask(readAfterSleep());
        assertEquals("child", Await.on(child));
        assertEquals("parent", Await.on(reader));
        assertEquals("parent", NAME.get());
    }

    @Async
    static Coroutine<Integer> countsAlone(int i) {
        COUNT.set(i);
        for (int k = 0; k < 3; k++) {
            Await.on(Asyncio.sleep(0));
            if (COUNT.get() != i) {
                return Coroutine.of(-i);
            }
        }
        return Coroutine.of(COUNT.get());
    }

    /** Mirrors test_tasks.BaseTaskTests.test_context_3: many interleaved tasks each keep their own value. */
    @Test
    @Async
    void interleavedTasksKeepTheirOwnValues() {
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            tasks.add(Asyncio.createTask(countsAlone(i)));
        }
        List<Integer> results = Await.on(Asyncio.gather(tasks));
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, results.get(i));
        }
        assertEquals(-1, COUNT.get());
    }

    /** Mirrors test_tasks.BaseTaskTests.test_context_4/5: a task given a context runs in it, not in a copy. */
    @Test
    @Async
    void aTaskGivenAContextRunsInIt() {
        Context ctx = new Context();
        ctx.run(() -> NAME.set("given"));
        Task<String> task = Asyncio.createTask(setThenRead("set by task"), "t", ctx);
        assertSame(ctx, task.getContext());
        assertEquals("set by task", Await.on(task));
        assertEquals("set by task", ctx.get(NAME));
        assertEquals("set by task", Await.on(Asyncio.createTask(readAfterSleep(), "t2", ctx)));
        assertEquals("unset", NAME.get("unset"));
    }

    /** Mirrors test_taskgroups.TestTaskGroup.test_taskgroup_context_parameter (create_task(..., context=)). */
    @Test
    @Async
    void aTaskGroupChildGivenAContextRunsInIt() {
        Context ctx = new Context();
        Task<String> child;
        try (var tg = new TaskGroup()) {
            child = tg.createTask(setThenRead("group child"), null, ctx);
            tg.createTask(setThenRead("sibling"));
        }
        assertEquals("group child", child.result());
        assertEquals("group child", ctx.get(NAME));
        assertEquals("unset", NAME.get("unset"));
    }

    /** Mirrors test_threads.ToThreadTests.test_to_thread_contextvars: the call sees the caller's values, its sets stay there. */
    @Test
    @Async
    void toThreadAndRunInExecutorCarryACopyOfTheContext() {
        NAME.set("caller");
        assertEquals("caller", Await.on(Asyncio.toThread(() -> {
            String seen = NAME.get();
            NAME.set("worker");
            return seen;
        })));
        assertEquals("caller", Await.on(Asyncio.getRunningLoop().runInExecutor(null, NAME::get)));
        assertEquals("caller", NAME.get());
    }

    @Async
    static Coroutine<Integer> swapCount(int value) {
        int old = COUNT.get();
        Await.on(Asyncio.sleep(0));
        COUNT.set(value);
        return Coroutine.of(old);
    }

    /** Mirrors test_runners.RunnerTests.test_run_keeps_context: runs share the runner's context, not the caller's. */
    @Test
    void runnerRunsShareTheirContext() {
        try (Runner runner = new Runner()) {
            assertEquals(-1, runner.run(swapCount(1)));
            assertEquals(1, runner.run(swapCount(2)));
        }
        assertEquals(-1, COUNT.get());
    }

    /** A task's first set, before any context was in use, makes the task's own context and changes nothing else. */
    @Test
    void aFirstSetInsideATaskStaysInTheTask() throws Exception {
        Thread fresh = new Thread(ContextTest::setInAChildTaskFirst);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        fresh.setUncaughtExceptionHandler((t, e) -> failure.set(e));
        fresh.start();
        fresh.join();
        assertNull(failure.get());
    }

    /** Run on a thread that has never used a context. */
    @Async
    private static void setInAChildTaskFirst() {
        Task<String> child = Asyncio.createTask(setThenRead("first ever"));
        assertEquals("first ever", Await.on(child));
        assertEquals("first ever", child.getContext().get(NAME));
        assertEquals("unset", NAME.get("unset"));
    }

    /** Callbacks run in the loop thread's context, not in a task's. */
    @Test
    @Async
    void callbacksRunInTheLoopsContext() {
        List<String> seen = new ArrayList<>();
        NAME.set("task");
        EventLoop loop = Asyncio.getRunningLoop();
        loop.callSoon(() -> seen.add(NAME.get("loop")));
        Await.on(Asyncio.sleep(0));
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of("loop"), seen);
    }
}
