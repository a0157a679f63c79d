package dev.weft;

import static dev.weft.Turns.turn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link TaskRegistry}: a loop's unfinished tasks, oldest first, each leaving as it finishes. */
class TaskRegistryTest {
    private final EventLoop loop = new EventLoop();
    private final WaiterQueue queue = new WaiterQueue();

    @AfterEach
    void close() {
        loop.close();
    }

    private Task<Object> parked() {
        return loop.createTask(new Turns.Parked(queue));
    }

    @Test
    void tasksAreListedOldestFirst() {
        Task<Object> a = parked();
        Task<Object> b = parked();
        Task<Object> c = parked();
        assertEquals(List.of(a, b, c), loop.tasks.snapshot());
        assertEquals(3, loop.tasks.size());
        assertEquals(3, loop.stats().tasks());
    }

    @Test
    void aTaskLeavesWhenItFinishesWhereverItIsInTheList() {
        Task<Object> a = parked();
        Task<Object> b = parked();
        Task<Object> c = parked();
        turn(loop);
        b.cancel();
        turn(loop);
        assertEquals(List.of(a, c), loop.tasks.snapshot(), "the middle one left");
        queue.wakeNext("done");
        turn(loop);
        assertEquals(List.of(c), loop.tasks.snapshot(), "the oldest one left");
        Task<Object> d = parked();
        assertEquals(List.of(c, d), loop.tasks.snapshot(), "a newer task goes after the ones left");
        d.cancel();
        turn(loop);
        assertEquals(List.of(c), loop.tasks.snapshot(), "the newest one left");
    }

    @Test
    void removingATaskNotTrackedChangesNothing() {
        Task<Object> a = parked();
        Task<Object> b = parked();
        loop.tasks.remove(a);
        loop.tasks.remove(a);
        assertEquals(List.of(b), loop.tasks.snapshot());
        assertEquals(1, loop.tasks.size());
    }

    @Test
    void aSnapshotIsNotChangedByLaterFinishes() {
        Task<Object> a = parked();
        List<Task<?>> before = loop.tasks.snapshot();
        a.cancel();
        turn(loop);
        assertEquals(List.of(a), before);
        assertEquals(List.of(), loop.tasks.snapshot());
    }
}
