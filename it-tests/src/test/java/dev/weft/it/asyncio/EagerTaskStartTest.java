package dev.weft.it.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Task;
import dev.weft.test.WeftExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link EventLoop#setEagerTaskStart}, as CPython's eager_task_factory behaves. */
@ExtendWith(WeftExtension.class)
class EagerTaskStartTest {
    private final List<String> events = new ArrayList<>();

    @Async
    Coroutine<Integer> immediate(int value) {
        events.add("immediate ran");
        return Coroutine.of(value);
    }

    @Async
    Coroutine<String> suspendsOnce() {
        events.add("before sleep");
        Await.on(Asyncio.sleep(0));
        events.add("after sleep");
        return Coroutine.of("done");
    }

    @Async
    Coroutine<Void> fails() {
        throw new IllegalStateException("failed eagerly");
    }

    @Test
    @Async
    void aTaskThatNeverSuspendsIsDoneWhenCreateTaskReturns() {
        Asyncio.getRunningLoop().setEagerTaskStart(true);
        Task<Integer> task = Asyncio.createTask(immediate(7));
        assertTrue(task.isDone());
        assertEquals(List.of("immediate ran"), events);
        assertEquals(7, Await.on(task));
    }

    @Test
    @Async
    void aTaskRunsToItsFirstSuspensionInsideCreateTaskThenGoesOnThroughTheLoop() {
        Asyncio.getRunningLoop().setEagerTaskStart(true);
        Task<String> task = Asyncio.createTask(suspendsOnce());
        assertEquals(List.of("before sleep"), events);
        assertFalse(task.isDone());
        assertEquals("done", Await.on(task));
        assertEquals(List.of("before sleep", "after sleep"), events);
    }

    @Test
    @Async
    void theEagerStepRunsAsTheNewTaskAndTheCreatorIsCurrentAgainAfterwards() {
        Asyncio.getRunningLoop().setEagerTaskStart(true);
        Task<?> creator = Asyncio.currentTask();
        List<Task<?>> seen = new ArrayList<>();
        Task<Void> task = Asyncio.createTask(recordCurrentTask(seen));
        assertEquals(List.of(task), seen);
        assertSame(creator, Asyncio.currentTask());
        Await.on(task);
    }

    @Async
    static Coroutine<Void> recordCurrentTask(List<Task<?>> seen) {
        seen.add(Asyncio.currentTask());
        return Coroutine.done();
    }

    @Test
    @Async
    void anEagerFailureIsTheTasksOutcomeNotTheCreators() {
        Asyncio.getRunningLoop().setEagerTaskStart(true);
        Task<Void> task = Asyncio.createTask(fails());
        assertTrue(task.isDone());
        IllegalStateException failure = assertThrows(IllegalStateException.class, task::result);
        assertEquals("failed eagerly", failure.getMessage());
    }

    @Test
    @Async
    void offByDefaultTasksStartAtTheNextTurn() {
        assertFalse(Asyncio.getRunningLoop().isEagerTaskStart());
        Task<Integer> task = Asyncio.createTask(immediate(1));
        assertFalse(task.isDone());
        assertTrue(events.isEmpty());
        assertEquals(1, Await.on(task));
    }

    @Test
    void aLoopThatIsNotRunningStartsItsTasksLazilyEvenWhenEager() {
        EventLoop loop = new EventLoop();
        try {
            loop.setEagerTaskStart(true);
            Task<Integer> task = loop.createTask(immediate(3));
            assertTrue(events.isEmpty());
            assertEquals(3, loop.runUntilComplete(task));
        } finally {
            loop.close();
        }
    }
}
