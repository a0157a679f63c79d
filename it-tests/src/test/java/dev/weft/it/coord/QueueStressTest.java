package dev.weft.it.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.CancelledError;
import dev.weft.Coroutine;
import dev.weft.Queue;
import dev.weft.Task;
import dev.weft.it.Fixtures;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** asyncio's Queue under load: hundreds of thousands of puts and gets, after CPython's {@code test_queues.py}. */
// Without WeftExtension: debug mode keeps a stack trace per coroutine until the coroutine is collected; for these hundreds of thousands of coroutines that means GC pauses over 1 s, and the ping-pong takes 30 s rather than 2.5 s.
class QueueStressTest {

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
    @Async
    void pingPongThroughTwoCapacityOneQueues() {
        assertEquals(200_000, Await.on(pingPong(100_000)));
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
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    @Async
    void producersAndConsumersWithRandomCancellationsDeliverEveryItemExactlyOnce(long seed) {
        Random random = new Random(seed);
        int total = 5_000;
        Queue<Integer> q = new Queue<>((int) (seed % 3) + 1);
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
    }

    private static void replaceFinished(List<Task<Void>> tasks, Supplier<Coroutine<Void>> start) {
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).isDone()) {
                tasks.set(i, Asyncio.createTask(start.get()));
            }
        }
    }
}
