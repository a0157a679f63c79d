package dev.weft.it.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.CancelledError;
import dev.weft.Coroutine;
import dev.weft.Event;
import dev.weft.Task;
import dev.weft.it.Fixtures;
import dev.weft.test.WeftExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** asyncio's Event, after CPython's {@code Lib/test/test_asyncio/test_locks.py::EventTests}. */
@ExtendWith(WeftExtension.class)
class EventTest {

    @Async
    static Coroutine<Boolean> waitAndRecord(Event event, List<Integer> result, int tag) {
        if (Await.on(event.await())) {
            result.add(tag);
        }
        return Coroutine.of(true);
    }

    /** Mirrors test_locks.py::EventTests::test_wait: set() wakes every waiter, in the order they waited. */
    @Test
    @Async
    void waitWakesEveryWaiter() {
        Event ev = new Event();
        assertFalse(ev.isSet());
        List<Integer> result = new ArrayList<>();
        Task<Boolean> t1 = Asyncio.createTask(waitAndRecord(ev, result, 1));
        Task<Boolean> t2 = Asyncio.createTask(waitAndRecord(ev, result, 2));
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(), result);

        Task<Boolean> t3 = Asyncio.createTask(waitAndRecord(ev, result, 3));
        ev.set();
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(3, 1, 2), result);
        assertTrue(t1.isDone() && t2.isDone() && t3.isDone());
    }

    /** Mirrors test_locks.py::EventTests::test_wait_on_set: no suspension when already set. */
    @Test
    @Async
    void waitOnSet() {
        Event ev = new Event();
        ev.set();
        assertTrue(Await.on(ev.await()));
    }

    /** Mirrors test_locks.py::EventTests::test_wait_cancel. */
    @Test
    @Async
    void waitCancel() {
        Event ev = new Event();
        assertInstanceOf(CancelledError.class, Await.on(Fixtures.failureWhenCancelledSoon(ev.await())));
        assertEquals("Event[unset]", ev.toString(), "no waiter left behind");
    }

    /** Mirrors test_locks.py::EventTests::test_clear. */
    @Test
    void clear() {
        Event ev = new Event();
        assertFalse(ev.isSet());
        ev.set();
        assertTrue(ev.isSet());
        ev.clear();
        assertFalse(ev.isSet());
    }

    /**
     * Mirrors test_locks.py::EventTests::test_clear_with_waiters: a waiter woken by set() completes
     * even if the event is cleared before it runs.
     */
    @Test
    @Async
    void clearWithWaiters() {
        Event ev = new Event();
        List<Integer> result = new ArrayList<>();
        Task<Boolean> t = Asyncio.createTask(waitAndRecord(ev, result, 1));
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(), result);

        ev.set();
        ev.clear();
        assertFalse(ev.isSet());
        ev.set();
        ev.set();
        assertEquals("Event[set, waiters:1]", ev.toString());

        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(1), result);
        assertEquals("Event[set]", ev.toString());
        assertTrue(t.isDone() && t.result());
    }

    /** Mirrors test_locks.py::EventTests::test_repr. */
    @Test
    void repr() {
        Event ev = new Event();
        assertEquals("Event[unset]", ev.toString());
        ev.set();
        assertEquals("Event[set]", ev.toString());
    }
}
