package dev.weft.it.asyncio;

import static dev.weft.it.Fixtures.failureOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.CancelledError;
import dev.weft.Coroutine;
import dev.weft.ExceptionGroup;
import dev.weft.Task;
import dev.weft.TaskGroup;
import dev.weft.it.Fixtures;
import dev.weft.it.Fixtures.Boom;
import dev.weft.test.WeftExtension;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link TaskGroup}, as CPython's test_taskgroups.py checks it. */
@ExtendWith(WeftExtension.class)
class TaskGroupTest {
    private int num;
    private boolean t2Cancelled;
    private boolean runnerCancelled;
    private int hydras;

    private static Set<Class<?>> errorTypes(Throwable eg) {
        Set<Class<?>> types = new HashSet<>();
        for (Throwable e : ((ExceptionGroup) eg).exceptions()) {
            types.add(e.getClass());
        }
        return types;
    }

    @Async
    static Coroutine<Void> crashAfter(double delay) {
        Await.on(Asyncio.sleep(delay));
        throw new ArithmeticException("/ by zero");
    }

    /**
     * Runs {@code body} as a task, cancels it with {@code message} (null for none) once it has run
     * for {@code delay} seconds, and completes with what the task ended with.
     */
    @Async
    static Coroutine<Throwable> cancelledAfter(double delay, String message, Coroutine<Void> body) {
        Task<Void> r = Asyncio.createTask(body);
        Await.on(Asyncio.sleep(delay));
        assertFalse(r.isDone());
        r.cancel(message);
        Throwable outcome = Await.on(failureOf(r));
        return Coroutine.of(outcome);
    }

    @Async
    Coroutine<Void> countsCancellation(double delay) {
        try {
            Await.on(Asyncio.sleep(delay));
        } catch (CancelledError e) {
            num++;
            throw e;
        }
        return Coroutine.done();
    }

    /** Mirrors test_taskgroups.py::test_taskgroup_01. */
    @Test
    @Async
    void twoChildrenComplete() {
        Task<Integer> t1;
        Task<Integer> t2;
        try (var g = new TaskGroup()) {
            t1 = g.createTask(Fixtures.after(0.01, 42));
            t2 = g.createTask(Fixtures.after(0.02, 11));
        }
        assertEquals(42, t1.result());
        assertEquals(11, t2.result());
    }

    /** Mirrors test_taskgroups.py::test_taskgroup_02. */
    @Test
    @Async
    void childAddedAfterABodyAwait() {
        Task<Integer> t1;
        Task<Integer> t2;
        try (var g = new TaskGroup()) {
            t1 = g.createTask(Fixtures.after(0.01, 42));
            Await.on(Asyncio.sleep(0.015));
            t2 = g.createTask(Fixtures.after(0.02, 11));
        }
        assertEquals(42, t1.result());
        assertEquals(11, t2.result());
    }

    /** Mirrors test_taskgroups.py::test_taskgroup_03: cancelling one child explicitly is not a failure. */
    @Test
    @Async
    void explicitChildCancelIsNotAFailure() {
        Task<Integer> t1;
        Task<Integer> t2;
        try (var g = new TaskGroup()) {
            t1 = g.createTask(Fixtures.after(1, 42));
            Await.on(Asyncio.sleep(0.015));
            t1.cancel();
            t2 = g.createTask(Fixtures.after(0.02, 11));
        }
        assertTrue(t1.isCancelled());
        assertEquals(11, t2.result());
    }

    @Async
    Coroutine<Void> noteT2Cancel(double delay) {
        try {
            Await.on(Asyncio.sleep(delay));
        } catch (CancelledError e) {
            t2Cancelled = true;
            throw e;
        }
        num++;
        return Coroutine.done();
    }

    @Async
    Coroutine<Void> runnerWithCrash(Task<?>[] t2) {
        try (var g = new TaskGroup()) {
            g.createTask(crashAfter(0.01));
            t2[0] = g.createTask(noteT2Cancel(1));
        }
        num += 10;
        return Coroutine.done();
    }

    /** Mirrors test_taskgroups.py::test_taskgroup_04. */
    @Test
    @Async
    void childFailureCancelsSiblings() {
        Task<?>[] t2 = new Task<?>[1];
        Throwable eg = Await.on(failureOf(Asyncio.createTask(runnerWithCrash(t2))));
        assertInstanceOf(ExceptionGroup.class, eg);
        assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
        assertEquals(0, num);
        assertTrue(t2Cancelled);
        assertTrue(t2[0].isCancelled());
    }

    @Async
    Coroutine<Void> runnerCancelledByChildren() {
        try (var g = new TaskGroup()) {
            g.createTask(crashAfter(0.01));
            g.createTask(crashAfter(0.01));
            g.createTask(crashAfter(0.01));
            g.createTask(noteT2Cancel(5));
            try {
                Await.on(Asyncio.sleep(10));
            } catch (CancelledError e) {
                runnerCancelled = true;
                throw e;
            }
        }
        num += 10;
        return Coroutine.done();
    }

    /** Mirrors test_taskgroups.py::test_cancel_children_on_child_error. */
    @Test
    @Async
    void cancelChildrenOnChildError() {
        Throwable eg = Await.on(failureOf(Asyncio.createTask(runnerCancelledByChildren())));
        assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
        assertEquals(0, num);
        assertTrue(t2Cancelled);
        assertTrue(runnerCancelled);
    }

    @Async
    Coroutine<Void> fiveSleepers(boolean bodyWaits) {
        try (var g = new TaskGroup()) {
            for (int i = 0; i < 5; i++) {
                g.createTask(countsCancellation(5));
            }
            if (bodyWaits) {
                try {
                    Await.on(Asyncio.sleep(10));
                } catch (CancelledError e) {
                    num += 10;
                    throw e;
                }
            }
        }
        return Coroutine.done();
    }

    /** Mirrors test_taskgroups.py::test_cancellation: the parent's cancel reaches every child and keeps its message. */
    @Test
    @Async
    void cancellation() {
        Throwable outcome = Await.on(cancelledAfter(0.01, "test", fiveSleepers(false)));
        assertInstanceOf(CancelledError.class, outcome);
        assertEquals("test", outcome.getMessage());
        assertEquals(5, num);
    }

    /** Mirrors test_taskgroups.py::test_taskgroup_07. */
    @Test
    @Async
    void cancellationReachesBodyAndChildren() {
        assertInstanceOf(CancelledError.class, Await.on(cancelledAfter(0.01, null, fiveSleepers(true))));
        assertEquals(15, num);
    }

    @Async
    static Coroutine<Void> crashersWithWaitingBody(double crashAfter) {
        try (var g = new TaskGroup()) {
            for (int i = 0; i < 5; i++) {
                g.createTask(crashAfter(crashAfter));
            }
            Await.on(Asyncio.sleep(10));
        }
        return Coroutine.done();
    }

    /** Mirrors test_taskgroups.py::test_cancellation_in_body. */
    @Test
    @Async
    void cancellationInBody() {
        Throwable outcome = Await.on(cancelledAfter(0.01, "test", crashersWithWaitingBody(0.1)));
        assertInstanceOf(CancelledError.class, outcome);
        assertEquals("test", outcome.getMessage());
    }

    @Async
    static Coroutine<Void> bodyFails(Task<?>[] children, boolean awaitFirst) {
        try (var g = new TaskGroup()) {
            children[0] = g.createTask(Fixtures.after(1, 42));
            children[1] = g.createTask(Fixtures.after(2, 11));
            if (awaitFirst) {
                Await.on(Asyncio.sleep(0.01));
            }
            throw new ArithmeticException("/ by zero");
        }
    }

    /** Mirrors test_taskgroups.py::test_taskgroup_09: a body failure after an await cancels the children. */
    @Test
    @Async
    void bodyFailureAfterAwait() {
        Await.on(assertBodyFailureCancelsChildren(true));
    }

    /** Mirrors test_taskgroups.py::test_taskgroup_10: a body failure before any await cancels the children. */
    @Test
    @Async
    void bodyFailureBeforeAwait() {
        Await.on(assertBodyFailureCancelsChildren(false));
    }

    @Async
    private static Coroutine<Void> assertBodyFailureCancelsChildren(boolean awaitFirst) {
        Task<?>[] children = new Task<?>[2];
        Throwable eg = Await.on(failureOf(bodyFails(children, awaitFirst)));
        assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
        assertTrue(children[0].isCancelled());
        assertTrue(children[1].isCancelled());
        return Coroutine.done();
    }

    @Async
    static Coroutine<Void> nestedGroupsWaitingBody(boolean outerHasChild) {
        try (var g1 = new TaskGroup()) {
            if (outerHasChild) {
                g1.createTask(Asyncio.sleep(10));
            }
            try (var g2 = new TaskGroup()) {
                for (int i = 0; i < 5; i++) {
                    g2.createTask(crashAfter(0.1));
                }
                Await.on(Asyncio.sleep(10));
            }
        }
        return Coroutine.done();
    }

    /**
     * Mirrors test_taskgroups.py::test_taskgroup_11 (cancelling a task with nested groups) and
     * test_taskgroup_12 (the same with a child in the outer group).
     */
    @ParameterizedTest(name = "outer group has a child: {0}")
    @ValueSource(booleans = {false, true})
    @Async
    void nestedGroupsCancelled(boolean outerHasChild) {
        Throwable outcome = Await.on(cancelledAfter(0.01, null, nestedGroupsWaitingBody(outerHasChild)));
        assertInstanceOf(CancelledError.class, outcome);
    }

    @Async
    static Coroutine<Void> crashValue(double delay) {
        Await.on(Asyncio.sleep(delay));
        throw new IllegalArgumentException(String.valueOf(delay));
    }

    @Async
    static Coroutine<Void> nestedCrashes(double outer, double inner) {
        try (var g1 = new TaskGroup()) {
            g1.createTask(crashValue(outer));
            try (var g2 = new TaskGroup()) {
                g2.createTask(crashValue(inner));
            }
        }
        return Coroutine.done();
    }

    /** Mirrors test_taskgroups.py::test_taskgroup_13: the outer child fails first. */
    @Test
    @Async
    void nestedOuterChildFailsFirst() {
        Throwable eg = Await.on(failureOf(Asyncio.createTask(nestedCrashes(0.01, 10))));
        assertEquals(Set.of(IllegalArgumentException.class), errorTypes(eg));
    }

    /** Mirrors test_taskgroups.py::test_taskgroup_14: the inner group's failure nests in the outer group. */
    @Test
    @Async
    void nestedInnerChildFailsFirst() {
        Throwable eg = Await.on(failureOf(Asyncio.createTask(nestedCrashes(10, 0.01))));
        assertEquals(Set.of(ExceptionGroup.class), errorTypes(eg));
        assertEquals(Set.of(IllegalArgumentException.class), errorTypes(((ExceptionGroup) eg).exceptions().get(0)));
    }

    @Async
    static Coroutine<Void> awaitsWhileCancelled() {
        try (var g1 = new TaskGroup()) {
            g1.createTask(crashAfter(0.03));
            try {
                Await.on(Asyncio.sleep(10));
            } catch (CancelledError e) {
                Await.on(Asyncio.sleep(0.05));
                throw e;
            }
        }
        return Coroutine.done();
    }

    /** Mirrors test_taskgroups.py::test_taskgroup_15 (Python 3.12+): a child fails while the cancelled body cleans up. */
    @Test
    @Async
    void childFailsWhileBodyCleansUp() {
        Throwable eg = Await.on(cancelledAfter(0.01, null, awaitsWhileCancelled()));
        assertEquals(Set.of(ArithmeticException.class), errorTypes(eg)); // failures take priority over the cancellation
    }

    @Async
    static Coroutine<Void> awaitsNestedRunner() {
        Task<Void> t = Asyncio.createTask(awaitsWhileCancelled());
        Await.on(t);
        return Coroutine.done();
    }

    /** Mirrors test_taskgroups.py::test_taskgroup_16 (Python 3.12+): the same, one task further away. */
    @Test
    @Async
    void childFailsWhileNestedRunnerCleansUp() {
        Throwable eg = Await.on(cancelledAfter(0.01, null, awaitsNestedRunner()));
        assertEquals(Set.of(ArithmeticException.class), errorTypes(eg)); // failures take priority over the cancellation
    }

    @Async
    Coroutine<Void> emptyGroupWaitingBody(boolean failInstead) {
        try (var g = new TaskGroup()) {
            try {
                Await.on(Asyncio.sleep(10));
            } catch (CancelledError e) {
                num += 10;
                if (failInstead) {
                    throw new Boom("my exc");
                }
                throw e;
            }
        }
        return Coroutine.done();
    }

    /** Mirrors test_taskgroups.py::test_taskgroup_17. */
    @Test
    @Async
    void emptyGroupCancelled() {
        assertInstanceOf(CancelledError.class, Await.on(cancelledAfter(0.01, null, emptyGroupWaitingBody(false))));
        assertEquals(10, num);
    }

    /** Mirrors test_taskgroups.py::test_taskgroup_18: a body turning its cancellation into an error. */
    @Test
    @Async
    void bodyTurnsCancellationIntoError() {
        Throwable eg = Await.on(cancelledAfter(0.01, null, emptyGroupWaitingBody(true)));
        assertEquals(Set.of(Boom.class), errorTypes(eg));
        assertEquals(10, num);
    }

    @Async
    static Coroutine<Void> failsInFinally() {
        try {
            Await.on(Asyncio.sleep(10));
        } finally {
            throw new Boom("my exc");
        }
    }

    @Async
    static Coroutine<Void> bodyFailsWhileCancelled() {
        try (var g = new TaskGroup()) {
            g.createTask(crashAfter(0.01));
            Await.on(failsInFinally());
        }
        return Coroutine.done();
    }

    /** Mirrors test_taskgroups.py::test_taskgroup_19: a body failing during the group's cancellation joins the group. */
    @Test
    @Async
    void bodyFailsWhileCancelledByChild() {
        Throwable eg = Await.on(failureOf(Asyncio.createTask(bodyFailsWhileCancelled())));
        assertEquals(Set.of(Boom.class, ArithmeticException.class), errorTypes(eg));
    }

    @Async
    static Coroutine<Void> twoSlowChildren() {
        try (var g = new TaskGroup()) {
            g.createTask(Fixtures.after(1, 42));
            g.createTask(Fixtures.after(2, 11));
        }
        return Coroutine.done();
    }

    /** Mirrors test_taskgroups.py::test_taskgroup_22: cancelled while waiting at the end of the block. */
    @Test
    @Async
    void cancelledWhileWaitingForChildren() {
        assertInstanceOf(CancelledError.class, Await.on(cancelledAfter(0.005, null, twoSlowChildren())));
    }

    /** Mirrors test_taskgroups.py::test_taskgroup_23: finished children leave the group. */
    @Test
    @Async
    void finishedChildrenLeaveTheGroup() {
        List<Task<Object>> created = new java.util.ArrayList<>();
        try (var g = new TaskGroup()) {
            for (int count = 0; count < 10; count++) {
                Await.on(Asyncio.sleep(0.01));
                created.add(g.createTask(Fixtures.after(0.03, null)));
                if (count == 5) {
                    assertTrue(created.stream().filter(t -> !t.isDone()).count() < 5);
                }
            }
            Await.on(Asyncio.sleep(0.135));
            assertTrue(created.stream().allMatch(Task::isDone));
        }
    }

    /**
     * A child's failure cancels the children still running even after the group has dropped its
     * finished children from its list (it prunes them once they are half of it).
     */
    @Test
    @Async
    void failureCancelsTheRunningChildrenAfterManyFinished() {
        List<Task<Object>> sleepers = new java.util.ArrayList<>();
        try (var g = new TaskGroup()) {
            for (int i = 0; i < 3; i++) {
                sleepers.add(g.createTask(Fixtures.after(10, null)));
            }
            for (int i = 0; i < 100; i++) {
                g.createTask(Asyncio.sleep(0));
                Await.on(Asyncio.sleep(0));
            }
            g.createTask(Fixtures.failAfter(0, new Boom("child")));
        } catch (ExceptionGroup expected) {
            assertInstanceOf(Boom.class, expected.exceptions().get(0));
        }
        assertTrue(sleepers.stream().allMatch(Task::isCancelled));
    }

    @Async
    static Coroutine<Void> root(TaskGroup g) {
        Await.on(Asyncio.sleep(0.01));
        g.createTask(Asyncio.sleep(0.01));
        g.createTask(Asyncio.sleep(0.02));
        return Coroutine.done();
    }

    /** Mirrors test_taskgroups.py::test_taskgroup_24: a child adds siblings while the block waits. */
    @Test
    @Async
    void childAddsSiblingsWhileGroupWaits() {
        double t0 = Asyncio.getRunningLoop().time();
        try (var g = new TaskGroup()) {
            g.createTask(root(g));
        }
        assertTrue(Asyncio.getRunningLoop().time() - t0 >= 0.03);
    }

    @Async
    Coroutine<Void> hydra(TaskGroup g) {
        hydras++;
        Await.on(Asyncio.sleep(0.01));
        g.createTask(hydra(g));
        g.createTask(hydra(g));
        return Coroutine.done();
    }

    @Async
    Coroutine<Void> hercules() {
        while (hydras < 10) {
            Await.on(Asyncio.sleep(0.015));
        }
        throw new ArithmeticException("/ by zero");
    }

    /** Mirrors test_taskgroups.py::test_taskgroup_25. */
    @Test
    @Async
    void hydra() {
        Throwable eg = null;
        try (var g = new TaskGroup()) {
            g.createTask(hydra(g));
            g.createTask(hercules());
        } catch (ExceptionGroup e) {
            eg = e;
        }
        assertTrue(errorTypes(eg).contains(ArithmeticException.class), String.valueOf(eg));
        assertTrue(hydras >= 10);
    }

    /** Mirrors test_taskgroups.py::test_taskgroup_task_name. */
    @Test
    @Async
    void taskName() {
        try (var g = new TaskGroup()) {
            Task<Void> t = g.createTask(Asyncio.sleep(0), "yolo");
            assertEquals("yolo", t.getName());
        }
    }

    /** Mirrors test_taskgroups.py::test_taskgroup_without_parent_task. */
    @Test
    void withoutParentTask() {
        IllegalStateException e = assertThrows(IllegalStateException.class, TaskGroup::new);
        assertTrue(e.getMessage().contains("task"), e.getMessage());
    }

    /** Mirrors test_taskgroups.py::test_taskgroup_no_create_task_after_failure. */
    @Test
    @Async
    void noCreateTaskAfterFailure() {
        try (var g = new TaskGroup()) {
            g.createTask(crashAfter(0));
            try {
                Await.on(Asyncio.sleep(10));
            } catch (CancelledError e) {
                Coroutine<Void> late = Asyncio.sleep(0);
                IllegalStateException refused = assertThrows(IllegalStateException.class, () -> g.createTask(late));
                assertTrue(refused.getMessage().contains("shutting down"), refused.getMessage());
                assertClosed(late);
                throw e;
            }
        } catch (ExceptionGroup expected) {
            assertEquals(Set.of(ArithmeticException.class), errorTypes(expected));
        }
    }

    /** Mirrors test_taskgroups.py::test_taskgroup_context_manager_exit_raises: a finished group refuses new tasks. */
    @Test
    @Async
    void finishedGroupRefusesTasks() {
        TaskGroup g = new TaskGroup();
        try (g) {
            g.createTask(Asyncio.sleep(0));
        }
        Coroutine<Void> late = Asyncio.sleep(0);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> g.createTask(late));
        assertTrue(refused.getMessage().contains("finished"), refused.getMessage());
        assertClosed(late);
    }

    /** A refused coroutine is closed, as in Python 3.13: it cannot be awaited any more. */
    private static void assertClosed(Coroutine<Void> refused) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Asyncio.getRunningLoop().createTask(refused));
        assertTrue(e.getMessage().contains("already awaited or scheduled"), e.getMessage());
    }

    /** Mirrors test_taskgroups.py::test_cancel_children_on_child_error: the enclosing task ends up not cancelled. */
    @Test
    @Async
    void parentIsUncancelledAfterTheGroup() {
        try (var g = new TaskGroup()) {
            g.createTask(crashAfter(0.01));
            Await.on(Asyncio.sleep(10));
        } catch (ExceptionGroup expected) {
            // the group's own cancellation of this task was withdrawn
        }
        assertEquals(0, Asyncio.currentTask().cancelling());
        Await.on(Asyncio.sleep(0.01)); // and this await is not cancelled
    }

    /** Mirrors test_taskgroups.py::test_taskgroup_19 for the reverse order: the body fails first, a child fails during cancellation. */
    @Test
    @Async
    void bodyFailureAndChildFailureDuringCancellation() {
        Boom bodyError = new Boom("body");
        try (var g = new TaskGroup()) {
            g.createTask(failsInFinally());
            Await.on(Asyncio.sleep(0));
            throw bodyError;
        } catch (ExceptionGroup eg) {
            assertEquals(2, eg.exceptions().size());
            assertSame(bodyError, eg.exceptions().get(1));
            assertEquals(Set.of(Boom.class), errorTypes(eg));
        }
    }

    @Async
    static dev.weft.AsyncGenerator<Integer> yieldsInsideAGroup(List<String> log) {
        try (var g = new TaskGroup()) {
            g.createTask(Fixtures.sleeper(10, log));
            Await.on(Asyncio.sleep(0)); // the child starts sleeping
            Await.yield(1);
            Await.yield(2);
        }
        return dev.weft.AsyncGenerator.end();
    }

    /**
     * Mirrors the GeneratorExit case of CPython's TaskGroup.__aexit__ (taskgroups.py): closing an
     * async generator suspended inside a group cancels the children and closes cleanly.
     */
    @Test
    @Async
    void closingAGeneratorInsideAGroup() {
        List<String> log = new java.util.ArrayList<>();
        for (int x : Await.each(yieldsInsideAGroup(log))) {
            if (x == 1) {
                break; // closes the generator at its yield
            }
        }
        assertEquals(List.of("cancelled"), log);
    }

    /** Mirrors test_taskgroups.py::test_taskgroup_01, with a group that never gets a child. */
    @Test
    @Async
    void emptyGroupFinishesAtOnce() {
        Await.on(Asyncio.sleep(0));
        TaskGroup g = new TaskGroup();
        try (g) {
            assertNull(null);
        }
        assertTrue(g.toString().contains("finished"), g.toString());
    }

    /** Mirrors test_taskgroups.py::test_taskgroup_04, reaching the failure through the async close of the block. */
    @Test
    @Async
    void failureThrownWhenBodyCompletedNormally() {
        try (var g = new TaskGroup()) {
            g.createTask(crashAfter(0.01));
        } catch (ExceptionGroup eg) {
            assertEquals(Set.of(ArithmeticException.class), errorTypes(eg));
            return;
        }
        fail("no ExceptionGroup");
    }
}
