package dev.weft.it.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** asyncio's Queue, after CPython's {@code Lib/test/test_asyncio/test_queues.py}. */
class QueueTest extends QueueContract {

    @Override
    <T> Queue<T> newQueue(int maxsize) {
        return new Queue<>(maxsize);
    }

    /** Mirrors test_queues.py::QueueBasicTests::test_repr. */
    @Test
    void repr() {
        Asyncio.run(reprScenario());
    }

    @Async
    static Coroutine<Void> reprScenario() {
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
        return Coroutine.done();
    }

    /** Mirrors test_queues.py::QueueBasicTests::test_empty. */
    @Test
    void empty() {
        Asyncio.run(emptyScenario());
    }

    @Async
    static Coroutine<Void> emptyScenario() {
        Queue<Integer> q = new Queue<>();
        assertTrue(q.isEmpty());
        Await.on(q.put(1));
        assertFalse(q.isEmpty());
        assertEquals(1, Await.on(q.get()));
        assertTrue(q.isEmpty());
        return Coroutine.done();
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
    void order() {
        assertEquals(List.of(1, 3, 2), Asyncio.run(LifoQueueTest.putThenGet(new Queue<>(), List.of(1, 3, 2))));
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
    void maxsize() {
        Asyncio.run(maxsizeScenario());
    }

    @Async
    static Coroutine<Void> maxsizeScenario() {
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
        return Coroutine.done();
    }

    /** Mirrors test_queues.py::QueueGetTests::test_blocking_get. */
    @Test
    void blockingGet() {
        Queue<Integer> q = new Queue<>();
        q.putNowait(1);
        assertEquals(1, Asyncio.run(q.get()));
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
    void blockingGetWait() {
        Asyncio.run(blockingGetWaitScenario());
    }

    @Async
    static Coroutine<Void> blockingGetWaitScenario() {
        Queue<Integer> q = new Queue<>();
        Event started = new Event();
        boolean[] finished = new boolean[1];
        Task<Integer> getTask = Asyncio.createTask(startedThenGet(q, started, finished));
        Await.on(started.await());
        assertFalse(finished[0]);
        Asyncio.getRunningLoop().callLater(0.01, () -> q.putNowait(1));
        assertEquals(1, Await.on(getTask));
        assertTrue(finished[0]);
        return Coroutine.done();
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
    void getCancelledRace() {
        Asyncio.run(getCancelledRaceScenario());
    }

    @Async
    static Coroutine<Void> getCancelledRaceScenario() {
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
        return Coroutine.done();
    }

    /** Mirrors test_queues.py::QueueGetTests::test_get_with_waiting_putters. */
    @Test
    void getWithWaitingPutters() {
        Asyncio.run(LifoQueueTest.boundedStackScenario());
        Asyncio.run(getWithWaitingPuttersScenario());
    }

    @Async
    static Coroutine<Void> getWithWaitingPuttersScenario() {
        Queue<String> q = new Queue<>(1);
        Asyncio.createTask(q.put("a"));
        Asyncio.createTask(q.put("b"));
        assertEquals("a", Await.on(q.get()));
        assertEquals("b", Await.on(q.get()));
        return Coroutine.done();
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
    void whyAreGettersWaiting() {
        Asyncio.run(whyAreGettersWaitingScenario());
    }

    @Async
    static Coroutine<Void> whyAreGettersWaitingScenario() {
        Queue<Integer> q = new Queue<>(1);
        Task<List<Integer>> consumer = Asyncio.createTask(consume(q, 5));
        Await.on(Asyncio.gather(produce(q, 5), consumer));
        assertEquals(List.of(0, 1, 2, 3, 4), consumer.result());
        return Coroutine.done();
    }

    /** Mirrors test_queues.py::QueueGetTests::test_cancelled_getters_not_being_held_in_self_getters. */
    @Test
    void cancelledGettersNotBeingHeld() {
        Asyncio.run(cancelledGettersScenario());
    }

    @Async
    static Coroutine<Void> cancelledGettersScenario() {
        Queue<Integer> q = new Queue<>(5);
        assertInstanceOf(TimeoutError.class, Await.on(Fixtures.failureOf(Asyncio.waitFor(q.get(), 0.05))));
        assertEquals("Queue[maxsize=5 size=0]", q.toString(), "no getter left behind");
        q.putNowait(1);
        assertEquals(1, q.getNowait(), "and the next item is not swallowed by it");
        return Coroutine.done();
    }

    /** Mirrors test_queues.py::QueuePutTests::test_blocking_put. */
    @Test
    void blockingPut() {
        Asyncio.run(emptyScenario());
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
    void blockingPutWait() {
        Asyncio.run(blockingPutWaitScenario());
    }

    @Async
    static Coroutine<Void> blockingPutWaitScenario() {
        Queue<Integer> q = new Queue<>(1);
        Event started = new Event();
        boolean[] finished = new boolean[1];
        Asyncio.getRunningLoop().callLater(0.01, q::getNowait);
        Task<Void> putTask = Asyncio.createTask(startedThenPutTwo(q, started, finished));
        Await.on(started.await());
        assertFalse(finished[0]);
        Await.on(putTask);
        assertTrue(finished[0]);
        return Coroutine.done();
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
    void getCancelDropOnePendingReader() {
        assertEquals(1, Asyncio.run(getCancelDropOneScenario()));
    }

    @Async
    static Coroutine<Integer> getCancelDropOneScenario() {
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
        return Coroutine.of(reader.result()); // 2 would mean 1 was dropped
    }

    /**
     * Mirrors test_queues.py::QueuePutTests::test_get_cancel_drop_many_pending_readers: the item of
     * a cancelled reader goes to another waiting reader.
     */
    @Test
    void getCancelDropManyPendingReaders() {
        Asyncio.run(getCancelDropManyScenario());
    }

    @Async
    static Coroutine<Void> getCancelDropManyScenario() {
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
        return Coroutine.done();
    }

    /**
     * Mirrors test_queues.py::QueuePutTests::test_put_cancel_drop: a putter cancelled after a slot
     * was freed for it has not added its item, so retrying does not duplicate it.
     */
    @Test
    void putCancelDrop() {
        Asyncio.run(putCancelDropScenario());
    }

    @Async
    static Coroutine<Void> putCancelDropScenario() {
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
        return Coroutine.done();
    }

    @Async
    static Coroutine<Boolean> putOne(Queue<Integer> q) {
        Await.on(q.put(1));
        return Coroutine.of(true);
    }

    /** Mirrors test_queues.py::QueuePutTests::test_put_cancelled. */
    @Test
    void putCancelled() {
        Asyncio.run(putCancelledScenario());
    }

    @Async
    static Coroutine<Void> putCancelledScenario() {
        Queue<Integer> q = new Queue<>();
        Task<Boolean> t = Asyncio.createTask(putOne(q));
        assertEquals(1, Await.on(q.get()));
        assertTrue(t.isDone() && t.result());
        return Coroutine.done();
    }

    /** Mirrors test_queues.py::QueuePutTests::test_put_cancelled_race: a cancelled putter does not take the freed slot. */
    @Test
    void putCancelledRace() {
        Asyncio.run(putCancelledRaceScenario());
    }

    @Async
    static Coroutine<Void> putCancelledRaceScenario() {
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
        return Coroutine.done();
    }

    /** Mirrors test_queues.py::QueuePutTests::test_put_with_waiting_getters. */
    @Test
    void putWithWaitingGetters() {
        Asyncio.run(putWithWaitingGettersScenario());
    }

    @Async
    static Coroutine<Void> putWithWaitingGettersScenario() {
        Queue<String> q = new Queue<>();
        Task<String> t = Asyncio.createTask(q.get());
        Await.on(Asyncio.sleep(0));
        Await.on(q.put("a"));
        assertEquals("a", Await.on(t));
        return Coroutine.done();
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
    void whyArePuttersWaiting() {
        Asyncio.run(whyArePuttersWaitingScenario());
    }

    @Async
    static Coroutine<Void> whyArePuttersWaitingScenario() {
        Queue<Integer> q = new Queue<>(2);
        Await.on(Asyncio.gather(drainAfterOneTurn(q), q.put(0), q.put(1), q.put(2), q.put(3)));
        assertEquals(List.of(2, 3), List.of(q.getNowait(), q.getNowait()));
        return Coroutine.done();
    }

    /** Mirrors test_queues.py::QueuePutTests::test_cancelled_puts_not_being_held_in_self_putters. */
    @Test
    void cancelledPutsNotBeingHeld() {
        Asyncio.run(cancelledPutsScenario());
    }

    @Async
    static Coroutine<Void> cancelledPutsScenario() {
        Queue<Integer> q = new Queue<>(1);
        q.putNowait(1);
        Task<Void> putTask = Asyncio.createTask(q.put(1));
        Await.on(Asyncio.sleep(0));
        assertTrue(q.toString().contains("putters=1"), q.toString());
        putTask.cancel();
        assertInstanceOf(CancelledError.class, Await.on(Fixtures.failureOf(putTask)));
        assertFalse(q.toString().contains("putters"), q.toString());
        return Coroutine.done();
    }

    /**
     * Mirrors test_queues.py::QueuePutTests::test_cancelled_put_silence_value_error_exception: a
     * putter cancelled after get_nowait() freed its slot is cancelled cleanly, and the slot is free
     * again.
     */
    @Test
    void cancelledPutAfterSlotWasFreed() {
        Asyncio.run(cancelledPutAfterSlotScenario());
    }

    @Async
    static Coroutine<Void> cancelledPutAfterSlotScenario() {
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
        return Coroutine.done();
    }

    @Async
    static Coroutine<Void> markWhenRun(boolean[] ran) {
        ran[0] = true;
        return Coroutine.done();
    }

    /** After test_queues.py::QueueGetTests::test_blocking_get: a get() that finds an item completes without suspending. */
    @Test
    void getFromNonEmptyQueueDoesNotSuspend() {
        Asyncio.run(noSuspensionScenario());
    }

    @Async
    static Coroutine<Void> noSuspensionScenario() {
        Queue<Integer> q = new Queue<>(1);
        boolean[] ran = new boolean[1];
        Task<Void> other = Asyncio.createTask(markWhenRun(ran));
        Await.on(q.put(7));
        assertEquals(7, Await.on(q.get()));
        assertFalse(ran[0], "neither put nor get gave the loop a turn");
        Await.on(other);
        return Coroutine.done();
    }

    @Async
    static Coroutine<Void> bounce(Queue<Integer> in, Queue<Integer> out, int rounds) {
        for (int i = 0; i < rounds; i++) {
            Await.on(out.put(Await.on(in.get()) + 1));
        }
        return Coroutine.done();
    }

    @Async
    static Coroutine<Integer> pingPong(int rounds) {
        Queue<Integer> ping = new Queue<>(1);
        Queue<Integer> pong = new Queue<>(1);
        Task<Void> partner = Asyncio.createTask(bounce(ping, pong, rounds));
        int value = 0;
        for (int i = 0; i < rounds; i++) {
            Await.on(ping.put(value));
            value = Await.on(pong.get()) + 1;
        }
        Await.on(partner);
        return Coroutine.of(value);
    }

    /** After test_queues.py::QueueGetTests::test_why_are_getters_waiting: two tasks ping-pong through capacity-1 queues. */
    @Test
    void pingPongThroughTwoCapacityOneQueues() {
        assertEquals(200_000, Asyncio.run(pingPong(100_000)));
    }

    /** What the stress run observed. */
    static final class Ledger {
        final Set<Integer> put = new HashSet<>();
        final Set<Integer> putCancelled = new HashSet<>();
        final List<Integer> received = new ArrayList<>();
        int next;
    }

    @Async
    static Coroutine<Void> producer(Queue<Integer> q, Ledger ledger, int total, Random random) {
        while (ledger.next < total) {
            int item = ledger.next++;
            try {
                Await.on(q.put(item));
            } catch (CancelledError e) {
                ledger.putCancelled.add(item);
                throw e;
            }
            ledger.put.add(item);
            if (random.nextInt(4) == 0) {
                Await.on(Asyncio.sleep(0));
            }
        }
        return Coroutine.done();
    }

    @Async
    static Coroutine<Void> consumer(Queue<Integer> q, Ledger ledger, Random random) {
        for (;;) {
            ledger.received.add(Await.on(q.get()));
            if (random.nextInt(3) == 0) {
                Await.on(Asyncio.sleep(0));
            }
        }
    }

    /**
     * The stress version of test_queues.py::QueuePutTests::test_get_cancel_drop_many_pending_readers
     * and test_put_cancel_drop: many producers and consumers on a small queue, random cancellations
     * of both, replacements started as others die. Every item whose put completed is delivered
     * exactly once; no item whose put was cancelled is delivered at all.
     */
    @Test
    void producersAndConsumersWithRandomCancellationsDeliverEveryItemExactlyOnce() {
        for (long seed = 1; seed <= 8; seed++) {
            Asyncio.run(stressScenario(new Random(seed), (int) (seed % 3) + 1));
        }
    }

    @Async
    static Coroutine<Void> stressScenario(Random random, int capacity) {
        int total = 5_000;
        Queue<Integer> q = new Queue<>(capacity);
        Ledger ledger = new Ledger();
        List<Task<Void>> producers = new ArrayList<>();
        List<Task<Void>> consumers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            producers.add(Asyncio.createTask(producer(q, ledger, total, random)));
            consumers.add(Asyncio.createTask(consumer(q, ledger, random)));
        }
        int cancellations = 0;
        while (ledger.next < total || !q.isEmpty()) {
            Await.on(Fixtures.turns(1 + random.nextInt(3)));
            List<Task<Void>> victims = random.nextBoolean() ? producers : consumers;
            Task<Void> victim = victims.get(random.nextInt(victims.size()));
            if (victim.cancel()) {
                cancellations++;
            }
            replaceFinished(producers, () -> producer(q, ledger, total, random));
            replaceFinished(consumers, () -> consumer(q, ledger, random));
        }
        for (Task<Void> p : producers) {
            p.cancel();
        }
        Await.on(Asyncio.gatherSettled(producers));
        for (Task<Void> c : consumers) {
            c.cancel();
        }
        Await.on(Asyncio.gatherSettled(consumers));
        List<Integer> leftovers = new ArrayList<>();
        while (!q.isEmpty()) {
            leftovers.add(q.getNowait());
        }

        assertTrue(cancellations > 50, "only " + cancellations + " cancellations");
        assertFalse(ledger.putCancelled.isEmpty(), "no put was ever cancelled while waiting");
        Set<Integer> delivered = new HashSet<>(ledger.received);
        assertEquals(ledger.received.size(), delivered.size(), "an item was delivered twice");
        delivered.addAll(leftovers);
        assertEquals(ledger.received.size() + leftovers.size(), delivered.size(), "an item was delivered twice");
        assertEquals(ledger.put, delivered, "delivered items differ from completed puts");
        for (int cancelled : ledger.putCancelled) {
            assertFalse(delivered.contains(cancelled), "item " + cancelled + " was delivered though its put was cancelled");
        }
        assertEquals(total, ledger.put.size() + ledger.putCancelled.size());
        assertNull(Await.on(Fixtures.failureOf(q.put(-1))), "the queue still works");
        return Coroutine.done();
    }

    private static void replaceFinished(List<Task<Void>> tasks, java.util.function.Supplier<Coroutine<Void>> start) {
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).isDone()) {
                tasks.set(i, Asyncio.createTask(start.get()));
            }
        }
    }
}
