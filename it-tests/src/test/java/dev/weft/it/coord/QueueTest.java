package dev.weft.it.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.CancelledError;
import dev.weft.Coroutine;
import dev.weft.Event;
import dev.weft.Queue;
import dev.weft.QueueEmpty;
import dev.weft.QueueFull;
import dev.weft.Task;
import dev.weft.TimeoutError;
import dev.weft.it.Fixtures;
import dev.weft.test.WeftExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** asyncio's Queue, after CPython's {@code Lib/test/test_asyncio/test_queues.py}. */
@ExtendWith(WeftExtension.class)
class QueueTest extends QueueContract {

    @Override
    <T> Queue<T> newQueue(int maxsize) {
        return new Queue<>(maxsize);
    }

    /** Mirrors test_queues.py::QueueBasicTests::test_repr. */
    @Test
    @Async
    void repr() {
        Queue<Integer> q = new Queue<>();
        assertEquals("Queue[maxsize=0 size=0]", q.toString());
        Task<Integer> getter = Asyncio.createTask(q.get());
        Await.on(Asyncio.sleep(0));
        assertEquals("Queue[maxsize=0 size=0 getters=1]", q.toString());
        q.putNowait(0);
        assertEquals(0, Await.on(getter));

        Queue<Integer> bounded = new Queue<>(1);
        bounded.putNowait(1);
        Task<Void> putter = Asyncio.createTask(bounded.put(2));
        Await.on(Asyncio.sleep(0));
        assertEquals("Queue[maxsize=1 size=1 putters=1 tasks=1]", bounded.toString());
        bounded.getNowait();
        Await.on(putter);
        assertEquals("Queue[maxsize=1 size=1 tasks=2]", bounded.toString());
    }

    /** Mirrors test_queues.py::QueueBasicTests::test_empty. */
    @Test
    @Async
    void empty() {
        Queue<Integer> q = new Queue<>();
        assertTrue(q.isEmpty());
        Await.on(q.put(1));
        assertFalse(q.isEmpty());
        assertEquals(1, Await.on(q.get()));
        assertTrue(q.isEmpty());
    }

    /** Mirrors test_queues.py::QueueBasicTests::test_full. */
    @Test
    void full() {
        assertFalse(new Queue<Integer>().isFull());
        Queue<Integer> q = new Queue<>(1);
        q.putNowait(1);
        assertTrue(q.isFull());
    }

    /** Mirrors test_queues.py::QueueBasicTests::test_order. */
    @Test
    @Async
    void order() {
        assertEquals(List.of(1, 3, 2), Await.on(LifoQueueTest.putThenGet(new Queue<>(), List.of(1, 3, 2))));
    }

    @Async
    static Coroutine<Boolean> putThree(Queue<Integer> q, List<Integer> haveBeenPut) {
        for (int i = 0; i < 3; i++) {
            Await.on(q.put(i));
            haveBeenPut.add(i);
        }
        return Coroutine.of(true);
    }

    /** Mirrors test_queues.py::QueueBasicTests::test_maxsize: the putter blocks after maxsize items. */
    @Test
    @Async
    void maxsize() {
        Queue<Integer> q = new Queue<>(2);
        assertEquals(2, q.maxsize());
        List<Integer> haveBeenPut = new ArrayList<>();
        Task<Boolean> t = Asyncio.createTask(putThree(q, haveBeenPut));
        Await.on(Fixtures.turns(2));
        assertEquals(List.of(0, 1), haveBeenPut);
        assertEquals(0, Await.on(q.get()));
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(0, 1, 2), haveBeenPut);
        assertEquals(1, Await.on(q.get()));
        assertEquals(2, Await.on(q.get()));
        assertTrue(t.isDone() && t.result());
    }

    /** Mirrors test_queues.py::QueueGetTests::test_blocking_get. */
    @Test
    @Async
    void blockingGet() {
        Queue<Integer> q = new Queue<>();
        q.putNowait(1);
        assertEquals(1, Await.on(q.get()));
    }

    @Async
    static Coroutine<Integer> startedThenGet(Queue<Integer> q, Event started, boolean[] finished) {
        started.set();
        int res = Await.on(q.get());
        finished[0] = true;
        return Coroutine.of(res);
    }

    /** Mirrors test_queues.py::QueueGetTests::test_blocking_get_wait. */
    @Test
    @Async
    void blockingGetWait() {
        Queue<Integer> q = new Queue<>();
        Event started = new Event();
        boolean[] finished = new boolean[1];
        Task<Integer> getTask = Asyncio.createTask(startedThenGet(q, started, finished));
        Await.on(started.await());
        assertFalse(finished[0]);
        Asyncio.getRunningLoop().callLater(0.01, () -> q.putNowait(1));
        assertEquals(1, Await.on(getTask));
        assertTrue(finished[0]);
    }

    /** Mirrors test_queues.py::QueueGetTests::test_nonblocking_get. */
    @Test
    void nonblockingGet() {
        Queue<Integer> q = new Queue<>();
        q.putNowait(1);
        assertEquals(1, q.getNowait());
    }

    /** Mirrors test_queues.py::QueueGetTests::test_nonblocking_get_exception. */
    @Test
    void nonblockingGetException() {
        QueueEmpty e = assertThrows(QueueEmpty.class, () -> new Queue<Integer>().getNowait());
        assertTrue(e.getMessage().contains("await get()"), e.getMessage());
    }

    /** Mirrors test_queues.py::QueueGetTests::test_get_cancelled_race: a cancelled getter does not take the next item. */
    @Test
    @Async
    void getCancelledRace() {
        Queue<String> q = new Queue<>();
        Task<String> t1 = Asyncio.createTask(q.get());
        Task<String> t2 = Asyncio.createTask(q.get());
        Await.on(Asyncio.sleep(0));
        t1.cancel();
        Await.on(Asyncio.sleep(0));
        assertTrue(t1.isDone());
        Await.on(q.put("a"));
        Await.on(Asyncio.sleep(0));
        assertEquals("a", Await.on(t2));
    }

    /** Mirrors test_queues.py::QueueGetTests::test_get_with_waiting_putters. */
    @Test
    @Async
    void getWithWaitingPutters() {
        Queue<String> q = new Queue<>(1);
        Asyncio.createTask(q.put("a"));
        Asyncio.createTask(q.put("b"));
        assertEquals("a", Await.on(q.get()));
        assertEquals("b", Await.on(q.get()));
    }

    @Async
    static Coroutine<Void> produce(Queue<Integer> q, int n) {
        for (int i = 0; i < n; i++) {
            Await.on(q.put(i));
        }
        return Coroutine.done();
    }

    @Async
    static Coroutine<List<Integer>> consume(Queue<Integer> q, int n) {
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            got.add(Await.on(q.get()));
        }
        return Coroutine.of(got);
    }

    /** Mirrors test_queues.py::QueueGetTests::test_why_are_getters_waiting. */
    @Test
    @Async
    void whyAreGettersWaiting() {
        Queue<Integer> q = new Queue<>(1);
        Task<List<Integer>> consumer = Asyncio.createTask(consume(q, 5));
        Await.on(Asyncio.gather(produce(q, 5), consumer));
        assertEquals(List.of(0, 1, 2, 3, 4), consumer.result());
    }

    /** Mirrors test_queues.py::QueueGetTests::test_cancelled_getters_not_being_held_in_self_getters. */
    @Test
    @Async
    void cancelledGettersNotBeingHeld() {
        Queue<Integer> q = new Queue<>(5);
        assertInstanceOf(TimeoutError.class, Await.on(Fixtures.failureOf(Asyncio.waitFor(q.get(), 0.05))));
        assertEquals("Queue[maxsize=5 size=0]", q.toString(), "no getter left behind");
        q.putNowait(1);
        assertEquals(1, q.getNowait(), "and the next item is not swallowed by it");
    }

    /** Mirrors test_queues.py::QueuePutTests::test_blocking_put. */
    @Test
    @Async
    void blockingPut() {
        Queue<Integer> q = new Queue<>();
        Await.on(q.put(1)); // unbounded: does not block
        assertEquals(1, Await.on(q.get()));
    }

    @Async
    static Coroutine<Void> startedThenPutTwo(Queue<Integer> q, Event started, boolean[] finished) {
        started.set();
        Await.on(q.put(1));
        Await.on(q.put(2));
        finished[0] = true;
        return Coroutine.done();
    }

    /** Mirrors test_queues.py::QueuePutTests::test_blocking_put_wait. */
    @Test
    @Async
    void blockingPutWait() {
        Queue<Integer> q = new Queue<>(1);
        Event started = new Event();
        boolean[] finished = new boolean[1];
        Asyncio.getRunningLoop().callLater(0.01, q::getNowait);
        Task<Void> putTask = Asyncio.createTask(startedThenPutTwo(q, started, finished));
        Await.on(started.await());
        assertFalse(finished[0]);
        Await.on(putTask);
        assertTrue(finished[0]);
    }

    /** Mirrors test_queues.py::QueuePutTests::test_nonblocking_put_exception. */
    @Test
    void nonblockingPutException() {
        Queue<Integer> q = new Queue<>(1);
        q.putNowait(1);
        QueueFull e = assertThrows(QueueFull.class, () -> q.putNowait(2));
        assertTrue(e.getMessage().contains("await put(item)"), e.getMessage());
    }

    /**
     * Mirrors test_queues.py::QueuePutTests::test_get_cancel_drop_one_pending_reader: an item handed
     * to a getter that is cancelled before it runs is not lost.
     */
    @Test
    @Async
    void getCancelDropOnePendingReader() {
        Queue<Integer> q = new Queue<>();
        Task<Integer> reader = Asyncio.createTask(q.get());
        Await.on(Asyncio.sleep(0));
        q.putNowait(1);
        q.putNowait(2);
        reader.cancel();
        if (Await.on(Fixtures.failureOf(reader)) instanceof CancelledError) {
            reader = Asyncio.createTask(q.get()); // try again
            Await.on(reader);
        }
        assertEquals(1, reader.result(), "2 would mean 1 was dropped");
    }

    /**
     * Mirrors test_queues.py::QueuePutTests::test_get_cancel_drop_many_pending_readers: the item of
     * a cancelled reader goes to another waiting reader.
     */
    @Test
    @Async
    void getCancelDropManyPendingReaders() {
        Queue<Integer> q = new Queue<>();
        Task<Integer> reader1 = Asyncio.createTask(q.get());
        Task<Integer> reader2 = Asyncio.createTask(q.get());
        Task<Integer> reader3 = Asyncio.createTask(q.get());
        Await.on(Asyncio.sleep(0));
        q.putNowait(1);
        q.putNowait(2);
        reader1.cancel();
        assertInstanceOf(CancelledError.class, Await.on(Fixtures.failureOf(reader1)));
        Await.on(reader3);
        Await.on(reader2);
        assertEquals(Set.of(1, 2), Set.of(reader2.result(), reader3.result()));
    }

    /**
     * Mirrors test_queues.py::QueuePutTests::test_put_cancel_drop: a putter cancelled after a slot
     * was freed for it has not added its item, so retrying does not duplicate it.
     */
    @Test
    @Async
    void putCancelDrop() {
        Queue<Integer> q = new Queue<>(1);
        q.putNowait(1);
        Task<Void> writer = Asyncio.createTask(q.put(2));
        Await.on(Asyncio.sleep(0));
        assertEquals(1, q.getNowait());
        writer.cancel();
        if (Await.on(Fixtures.failureOf(writer)) instanceof CancelledError) {
            writer = Asyncio.createTask(q.put(2)); // try again
            Await.on(writer);
        }
        assertEquals(2, q.getNowait());
        assertEquals(0, q.size());
    }

    @Async
    static Coroutine<Boolean> putOne(Queue<Integer> q) {
        Await.on(q.put(1));
        return Coroutine.of(true);
    }

    /** Mirrors test_queues.py::QueuePutTests::test_put_cancelled. */
    @Test
    @Async
    void putCancelled() {
        Queue<Integer> q = new Queue<>();
        Task<Boolean> t = Asyncio.createTask(putOne(q));
        assertEquals(1, Await.on(q.get()));
        assertTrue(t.isDone() && t.result());
    }

    /** Mirrors test_queues.py::QueuePutTests::test_put_cancelled_race: a cancelled putter does not take the freed slot. */
    @Test
    @Async
    void putCancelledRace() {
        Queue<String> q = new Queue<>(1);
        Task<Void> putA = Asyncio.createTask(q.put("a"));
        Task<Void> putB = Asyncio.createTask(q.put("b"));
        Task<Void> putC = Asyncio.createTask(q.put("X"));
        Await.on(Asyncio.sleep(0));
        assertTrue(putA.isDone());
        assertFalse(putB.isDone());

        putC.cancel();
        Await.on(Asyncio.sleep(0));
        assertTrue(putC.isDone());
        assertEquals("a", q.getNowait());
        Await.on(Asyncio.sleep(0));
        assertEquals("b", q.getNowait());
        Await.on(putB);
        assertTrue(q.isEmpty());
    }

    /** Mirrors test_queues.py::QueuePutTests::test_put_with_waiting_getters. */
    @Test
    @Async
    void putWithWaitingGetters() {
        Queue<String> q = new Queue<>();
        Task<String> t = Asyncio.createTask(q.get());
        Await.on(Asyncio.sleep(0));
        Await.on(q.put("a"));
        assertEquals("a", Await.on(t));
    }

    @Async
    static Coroutine<Void> drainAfterOneTurn(Queue<Integer> q) {
        Await.on(Asyncio.sleep(0));
        int n = q.size();
        for (int i = 0; i < n; i++) {
            q.getNowait();
        }
        return Coroutine.done();
    }

    /** Mirrors test_queues.py::QueuePutTests::test_why_are_putters_waiting: every freed slot reaches a putter. */
    @Test
    @Async
    void whyArePuttersWaiting() {
        Queue<Integer> q = new Queue<>(2);
        Await.on(Asyncio.gather(drainAfterOneTurn(q), q.put(0), q.put(1), q.put(2), q.put(3)));
        assertEquals(List.of(2, 3), List.of(q.getNowait(), q.getNowait()));
    }

    /** Mirrors test_queues.py::QueuePutTests::test_cancelled_puts_not_being_held_in_self_putters. */
    @Test
    @Async
    void cancelledPutsNotBeingHeld() {
        Queue<Integer> q = new Queue<>(1);
        q.putNowait(1);
        Task<Void> putTask = Asyncio.createTask(q.put(1));
        Await.on(Asyncio.sleep(0));
        assertTrue(q.toString().contains("putters=1"), q.toString());
        putTask.cancel();
        assertInstanceOf(CancelledError.class, Await.on(Fixtures.failureOf(putTask)));
        assertFalse(q.toString().contains("putters"), q.toString());
    }

    /**
     * Mirrors test_queues.py::QueuePutTests::test_cancelled_put_silence_value_error_exception: a
     * putter cancelled after get_nowait() freed its slot is cancelled cleanly, and the slot is free
     * again.
     */
    @Test
    @Async
    void cancelledPutAfterSlotWasFreed() {
        Queue<Integer> q = new Queue<>(1);
        q.putNowait(1);
        Task<Void> putTask = Asyncio.createTask(q.put(1));
        Await.on(Asyncio.sleep(0));
        q.getNowait();
        assertTrue(q.isFull(), "the freed slot is promised to the waiting putter");
        putTask.cancel();
        assertInstanceOf(CancelledError.class, Await.on(Fixtures.failureOf(putTask)));
        assertFalse(q.isFull(), "the cancelled putter gave the slot back");
        q.putNowait(2);
        assertEquals(2, q.getNowait());
    }

    @Async
    static Coroutine<Void> markWhenRun(boolean[] ran) {
        ran[0] = true;
        return Coroutine.done();
    }

    /** After test_queues.py::QueueGetTests::test_blocking_get: a get() that finds an item completes without suspending. */
    @Test
    @Async
    void getFromNonEmptyQueueDoesNotSuspend() {
        Queue<Integer> q = new Queue<>(1);
        boolean[] ran = new boolean[1];
        Task<Void> other = Asyncio.createTask(markWhenRun(ran));
        Await.on(q.put(7));
        assertEquals(7, Await.on(q.get()));
        assertFalse(ran[0], "neither put nor get gave the loop a turn");
        Await.on(other);
    }
}
