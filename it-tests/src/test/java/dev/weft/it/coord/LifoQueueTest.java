package dev.weft.it.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.LifoQueue;
import dev.weft.Queue;
import dev.weft.test.WeftExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** asyncio's LifoQueue, after CPython's {@code test_queues.py::LifoQueueTests} and the Lifo join/shutdown tests. */
@ExtendWith(WeftExtension.class)
class LifoQueueTest extends QueueContract {

    @Override
    <T> Queue<T> newQueue(int maxsize) {
        return new LifoQueue<>(maxsize);
    }

    /** Mirrors test_queues.py::LifoQueueTests::test_order. */
    @Test
    @Async
    void order() {
        assertEquals(List.of(2, 3, 1), Await.on(putThenGet(new LifoQueue<>(), List.of(1, 3, 2))));
    }

    @Async
    static Coroutine<List<Integer>> putThenGet(Queue<Integer> q, List<Integer> items) {
        for (int i : items) {
            Await.on(q.put(i));
        }
        List<Integer> out = new ArrayList<>();
        for (int n = 0; n < items.size(); n++) {
            out.add(Await.on(q.get()));
        }
        return Coroutine.of(out);
    }

    /** After test_queues.py::QueueGetTests::test_get_with_waiting_putters, for a bounded stack. */
    @Test
    @Async
    void boundedStackMakesPuttersWait() {
        LifoQueue<String> q = new LifoQueue<>(1);
        Asyncio.createTask(q.put("a"));
        Asyncio.createTask(q.put("b"));
        assertEquals("a", Await.on(q.get()));
        assertEquals("b", Await.on(q.get()));
    }
}
