package dev.weft.it.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.Queue;
import dev.weft.QueueShutDown;
import dev.weft.Task;
import dev.weft.it.Fixtures;
import dev.weft.test.WeftExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every queue kind must do, as CPython's {@code _QueueJoinTestMixin} and
 * {@code _QueueShutdownTestMixin} in {@code Lib/test/test_asyncio/test_queues.py}: each subclass
 * runs these against its own queue.
 */
@ExtendWith(WeftExtension.class)
abstract class QueueContract {

    /** A new queue of the kind under test. */
    abstract <T> Queue<T> newQueue(int maxsize);

    /** Mirrors test_queues.py::_QueueJoinTestMixin::test_task_done_underflow. */
    @Test
    void taskDoneUnderflow() {
        Queue<Integer> q = newQueue(0);
        IllegalStateException e = assertThrows(IllegalStateException.class, q::taskDone);
        assertTrue(e.getMessage().contains("taskDone()"), e.getMessage());
    }

    @Async
    static Coroutine<Void> worker(Queue<Integer> q, int[] accumulator) {
        for (;;) {
            int item = Await.on(q.get());
            accumulator[0] += item;
            q.taskDone();
        }
    }

    /** Mirrors test_queues.py::_QueueJoinTestMixin::test_task_done: join() waits for every taskDone(). */
    @Test
    @Async
    void taskDone() {
        Queue<Integer> q = newQueue(0);
        for (int i = 0; i < 100; i++) {
            q.putNowait(i);
        }
        int[] accumulator = new int[1];
        List<Task<Void>> workers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            workers.add(Asyncio.createTask(worker(q, accumulator)));
        }
        Await.on(q.join());
        assertEquals(4950, accumulator[0]);
        for (Task<Void> w : workers) {
            w.cancel();
        }
        Await.on(Asyncio.gatherSettled(workers));
    }

    /** Mirrors test_queues.py::_QueueJoinTestMixin::test_join_empty_queue. */
    @Test
    @Async
    void joinEmptyQueue() {
        Queue<Integer> q = newQueue(0);
        Await.on(q.join());
        Await.on(q.join());
    }

    /** Mirrors test_queues.py::_QueueShutdownTestMixin::test_format. */
    @Test
    void format() {
        Queue<Integer> q = newQueue(0);
        q.shutdown();
        assertTrue(q.toString().endsWith("[maxsize=0 size=0 shutdown]"), q.toString());
    }

    @Async
    static Coroutine<Void> assertOperationsShutDown(Queue<String> q) {
        assertInstanceOf(QueueShutDown.class, Await.on(Fixtures.failureOf(q.put("data"))));
        assertThrows(QueueShutDown.class, () -> q.putNowait("data"));
        assertInstanceOf(QueueShutDown.class, Await.on(Fixtures.failureOf(q.get())));
        assertThrows(QueueShutDown.class, q::getNowait);
        return Coroutine.done();
    }

    /** Mirrors test_queues.py::_QueueShutdownTestMixin::test_shutdown_empty. */
    @Test
    @Async
    void shutdownEmpty() {
        Queue<String> q = newQueue(0);
        Task<String> getTask = Asyncio.createTask(q.get());
        Await.on(Asyncio.sleep(0));
        q.shutdown(false);
        assertEquals(0, q.size());
        Await.on(q.join());
        Await.on(Asyncio.sleep(0));
        assertTrue(getTask.isDone());
        assertInstanceOf(QueueShutDown.class, Await.on(Fixtures.failureOf(getTask)));
        Await.on(assertOperationsShutDown(q));
    }

    /** Mirrors test_queues.py::_QueueShutdownTestMixin::test_shutdown_nonempty: gets drain what is left. */
    @Test
    @Async
    void shutdownNonempty() {
        Queue<String> q = newQueue(1);
        q.putNowait("data");
        Task<Void> joinTask = Asyncio.createTask(q.join());
        Task<Void> putTask = Asyncio.createTask(q.put("data2"));
        Await.on(Asyncio.sleep(0));
        assertFalse(putTask.isDone());

        q.shutdown(false);
        assertEquals(1, q.size());
        Await.on(Asyncio.sleep(0));
        assertTrue(putTask.isDone());
        assertInstanceOf(QueueShutDown.class, Await.on(Fixtures.failureOf(putTask)));

        assertEquals("data", Await.on(q.get()));
        Await.on(Asyncio.sleep(0));
        assertFalse(joinTask.isDone());
        Await.on(assertOperationsShutDown(q));

        q.taskDone();
        Await.on(Asyncio.sleep(0));
        assertTrue(joinTask.isDone());
        assertThrows(IllegalStateException.class, q::taskDone);
    }

    /** Mirrors test_queues.py::_QueueShutdownTestMixin::test_shutdown_immediate: items are dropped and count as done. */
    @Test
    @Async
    void shutdownImmediate() {
        Queue<String> q = newQueue(0);
        q.putNowait("data");
        Task<Void> joinTask = Asyncio.createTask(q.join());
        q.shutdown(true);
        assertEquals(0, q.size());
        Await.on(Asyncio.sleep(0));
        assertTrue(joinTask.isDone());
        Await.on(joinTask);
        Await.on(assertOperationsShutDown(q));
        assertThrows(IllegalStateException.class, q::taskDone);
    }

    /** Mirrors test_queues.py::_QueueShutdownTestMixin::test_shutdown_immediate_with_unfinished. */
    @Test
    @Async
    void shutdownImmediateWithUnfinished() {
        Queue<String> q = newQueue(0);
        q.putNowait("data");
        q.putNowait("data");
        Task<Void> joinTask = Asyncio.createTask(q.join());
        assertEquals("data", Await.on(q.get()));
        q.shutdown(true);
        assertEquals(0, q.size());
        Await.on(Asyncio.sleep(0));
        assertFalse(joinTask.isDone());
        Await.on(assertOperationsShutDown(q));

        q.taskDone();
        assertThrows(IllegalStateException.class, q::taskDone);
        Await.on(Asyncio.sleep(0));
        assertTrue(joinTask.isDone());
    }

    /** asyncio keeps the maxsize it was given; zero or less means unbounded. */
    @Test
    void negativeMaxsizeIsKeptAndUnbounded() {
        Queue<Integer> q = newQueue(-1);
        assertEquals(-1, q.maxsize());
        for (int i = 0; i < 100; i++) {
            q.putNowait(i);
        }
        assertFalse(q.isFull());
        assertEquals(100, q.size());
    }
}
