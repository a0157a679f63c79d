package dev.weft.it.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.Async;
import dev.weft.Await;
import dev.weft.PriorityQueue;
import dev.weft.Queue;
import dev.weft.test.WeftExtension;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** asyncio's PriorityQueue, after CPython's {@code test_queues.py::PriorityQueueTests} and the Priority join/shutdown tests. */
@ExtendWith(WeftExtension.class)
class PriorityQueueTest extends QueueContract {

    @Override
    <T> Queue<T> newQueue(int maxsize) {
        return new PriorityQueue<>(maxsize);
    }

    /** Mirrors test_queues.py::PriorityQueueTests::test_order. */
    @Test
    @Async
    void order() {
        assertEquals(List.of(1, 2, 3), Await.on(LifoQueueTest.putThenGet(new PriorityQueue<>(), List.of(1, 3, 2))));
    }

    record Job(int priority, String name) {
    }

    /** After test_queues.py::PriorityQueueTests::test_order, ordered by a Comparator (Python orders tuples). */
    @Test
    void orderByComparator() {
        PriorityQueue<Job> q = new PriorityQueue<>(0, Comparator.comparingInt(Job::priority));
        q.putNowait(new Job(5, "later"));
        q.putNowait(new Job(1, "first"));
        q.putNowait(new Job(3, "middle"));
        assertEquals("first", q.getNowait().name());
        assertEquals("middle", q.getNowait().name());
        assertEquals("later", q.getNowait().name());
    }

    /** Python raises TypeError for items that cannot be compared; Java's PriorityQueue a ClassCastException. */
    @Test
    void itemsMustBeComparable() {
        PriorityQueue<Object> q = new PriorityQueue<>();
        assertThrows(ClassCastException.class, () -> q.putNowait(new Object()));
    }
}
