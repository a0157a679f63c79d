package dev.weft;

import static dev.weft.Turns.turn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link WaiterQueue}: FIFO wake-ups, woken waiters visible until they run, cancelled ones skipped. */
class WaiterQueueTest {
    private final EventLoop loop = new EventLoop();
    private final WaiterQueue queue = new WaiterQueue();

    @AfterEach
    void close() {
        loop.close();
    }

    /** Three tasks, each suspended in the queue in creation order. */
    private List<Task<Object>> parkThree() {
        List<Task<Object>> tasks = List.of(loop.createTask(new Turns.Parked(queue)),
                loop.createTask(new Turns.Parked(queue)), loop.createTask(new Turns.Parked(queue)));
        turn(loop);
        assertEquals(3, queue.size());
        return tasks;
    }

    @Test
    void wakeNextWakesTheOldestWaiterFirst() {
        List<Task<Object>> tasks = parkThree();
        assertTrue(queue.wakeNext("a"));
        assertTrue(queue.wakeNext("b"));
        turn(loop);
        assertEquals("a", tasks.get(0).result());
        assertEquals("b", tasks.get(1).result());
        assertFalse(tasks.get(2).isDone());
        assertEquals(1, queue.size());
    }

    @Test
    void aWokenWaiterStaysInTheQueueUntilItsTaskRuns() {
        parkThree();
        queue.wakeNext("a");
        assertEquals(3, queue.size(), "woken, not yet run: still visible");
        turn(loop);
        assertEquals(2, queue.size());
    }

    @Test
    void wakeHeadDoesNothingWhenTheHeadWasAlreadyWoken() {
        List<Task<Object>> tasks = parkThree();
        queue.wakeHead("a");
        queue.wakeHead("b");
        turn(loop);
        assertEquals("a", tasks.get(0).result());
        assertFalse(tasks.get(1).isDone(), "asyncio's _wake_up_first wakes only a pending head");
    }

    @Test
    void wakeSkipsWokenWaitersAndStopsAfterN() {
        List<Task<Object>> tasks = parkThree();
        queue.wakeNext("first");
        queue.wake(1, "second");
        turn(loop);
        assertEquals("first", tasks.get(0).result());
        assertEquals("second", tasks.get(1).result());
        assertFalse(tasks.get(2).isDone());
    }

    @Test
    void wakeAllWakesEveryPendingWaiter() {
        List<Task<Object>> tasks = parkThree();
        queue.wakeAll("all");
        turn(loop);
        for (Task<Object> t : tasks) {
            assertEquals("all", t.result());
        }
        assertTrue(queue.isEmpty());
        assertFalse(queue.wakeNext("nobody"), "no pending waiter is left");
    }

    @Test
    void aCancelledWaiterIsSkippedAndLeavesWhenItsTaskRuns() {
        List<Task<Object>> tasks = parkThree();
        tasks.get(0).cancel();
        assertTrue(queue.wakeNext("a"));
        turn(loop);
        assertTrue(tasks.get(0).isCancelled());
        assertEquals("a", tasks.get(1).result());
        assertEquals(1, queue.size());
    }

    @Test
    void anyNotCancelledIsFalseOnceEveryWaiterIsCancelled() {
        List<Task<Object>> tasks = parkThree();
        tasks.get(0).cancel();
        tasks.get(1).cancel();
        assertTrue(queue.anyNotCancelled());
        tasks.get(2).cancel();
        assertFalse(queue.anyNotCancelled(), "cancelled waiters stay until their tasks run, but count for nothing");
        turn(loop);
        assertTrue(queue.isEmpty());
    }

    @Test
    void aQueueIsBoundToTheLoopOfItsFirstWaiter() {
        parkThree();
        EventLoop other = new EventLoop();
        try {
            Task<Object> stranger = other.createTask(new Turns.Parked(queue));
            turn(other);
            IllegalStateException e = assertThrows(IllegalStateException.class, stranger::result);
            assertTrue(e.getMessage().contains("bound to a different event loop"), e.getMessage());
        } finally {
            other.close();
        }
    }
}
