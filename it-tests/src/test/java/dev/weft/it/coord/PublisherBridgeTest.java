package dev.weft.it.coord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.AsyncIterable;
import dev.weft.AsyncIterator;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.Task;
import dev.weft.it.Fixtures;
import dev.weft.test.WeftExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code AsyncIterable.from(Flow.Publisher)}: reactive streams consumed with {@code async for}.
 * Python has no reactive-streams bridge; these tests hold it to what test_asyncgen.py asks of any
 * async iterator (values in order, errors reach the consumer, leaving the loop early closes the
 * source) plus demand-based backpressure.
 */
@ExtendWith(WeftExtension.class)
class PublisherBridgeTest {
    private final ExecutorService emitter = Executors.newSingleThreadExecutor(r -> new Thread(r, "emitter"));

    @AfterEach
    void stopEmitter() {
        emitter.shutdownNow();
    }

    /**
     * A cold publisher of 0..count-1 that emits on its own thread, only as much as was requested,
     * and records every request, the largest outstanding demand and any cancellation.
     */
    final class RangePublisher implements Flow.Publisher<Integer> {
        final int count;
        final int failAt;
        final List<Long> requests = new CopyOnWriteArrayList<>();
        final AtomicLong maxOutstanding = new AtomicLong();
        final AtomicBoolean cancelled = new AtomicBoolean();
        final List<String> signalThreads = new CopyOnWriteArrayList<>();

        RangePublisher(int count, int failAt) {
            this.count = count;
            this.failAt = failAt;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super Integer> subscriber) {
            emitter.execute(() -> subscriber.onSubscribe(new Flow.Subscription() {
                int next;
                long outstanding;
                boolean done;

                @Override
                public void request(long n) {
                    requests.add(n);
                    emitter.execute(() -> {
                        outstanding += n;
                        maxOutstanding.accumulateAndGet(outstanding, Math::max);
                        while (outstanding > 0 && !done && !cancelled.get()) {
                            if (next == failAt) {
                                done = true;
                                subscriber.onError(new IllegalStateException("source failed at " + next));
                                return;
                            }
                            if (next == count) {
                                done = true;
                                subscriber.onComplete();
                                return;
                            }
                            outstanding--;
                            signalThreads.add(Thread.currentThread().getName());
                            subscriber.onNext(next++);
                        }
                        if (next == count && !done && !cancelled.get()) {
                            done = true;
                            subscriber.onComplete();
                        }
                    });
                }

                @Override
                public void cancel() {
                    cancelled.set(true);
                }
            }));
        }
    }

    @Async
    static Coroutine<List<Integer>> collect(AsyncIterable<Integer> source) {
        List<Integer> out = new ArrayList<>();
        for (int x : Await.each(source)) {
            out.add(x);
        }
        return Coroutine.of(out);
    }

    /** After test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_01: every item, in order, across threads. */
    @Test
    @Async
    void itemsArriveInOrderFromAnotherThread() {
        RangePublisher publisher = new RangePublisher(100, -1);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add(i);
        }
        assertEquals(expected, Await.on(collect(AsyncIterable.from(publisher))));
        assertTrue(publisher.signalThreads.stream().allMatch("emitter"::equals));
    }

    /** Demand-based backpressure: one batch at a time, the next asked for only once the last is consumed. */
    @Test
    @Async
    void requestsOneBatchAtATime() {
        RangePublisher publisher = new RangePublisher(50, -1);
        assertEquals(50, Await.on(collect(AsyncIterable.from(publisher, 8))).size());
        assertEquals(8, publisher.maxOutstanding.get(), "never more than one batch outstanding");
        assertTrue(publisher.requests.stream().allMatch(n -> n == 8), publisher.requests.toString());
        assertEquals(7, publisher.requests.size(), "50 items and the completion need 7 batches of 8");
    }

    @Async
    static Coroutine<List<Integer>> takeThree(AsyncIterable<Integer> source) {
        List<Integer> out = new ArrayList<>();
        for (int x : Await.each(source)) {
            out.add(x);
            if (out.size() == 3) {
                break;
            }
        }
        return Coroutine.of(out);
    }

    /** After test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_shutdown_02: leaving the loop early cancels the subscription. */
    @Test
    @Async
    void breakCancelsTheSubscription() {
        RangePublisher publisher = new RangePublisher(1_000_000, -1);
        assertEquals(List.of(0, 1, 2), Await.on(takeThree(AsyncIterable.from(publisher, 4))));
        assertTrue(publisher.cancelled.get());
        assertEquals(List.of(4L), publisher.requests, "no more demand after the loop left");
    }

    /** After test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_02: the items before a failure, then the failure. */
    @Test
    @Async
    void publisherErrorReachesTheLoopAfterTheItemsBeforeIt() {
        RangePublisher publisher = new RangePublisher(10, 5);
        List<Integer> seen = new ArrayList<>();
        IllegalStateException e = assertInstanceOf(IllegalStateException.class,
                Await.on(Fixtures.failureOf(collectInto(AsyncIterable.from(publisher, 3), seen))));
        assertEquals("source failed at 5", e.getMessage());
        assertEquals(List.of(0, 1, 2, 3, 4), seen);
    }

    @Async
    static Coroutine<Void> collectInto(AsyncIterable<Integer> source, List<Integer> seen) {
        for (int x : Await.each(source)) {
            seen.add(x);
        }
        return Coroutine.done();
    }

    /** After test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_asyncio_01 with an empty generator. */
    @Test
    @Async
    void emptyPublisherEndsTheLoopAtOnce() {
        assertEquals(List.of(), Await.on(collect(AsyncIterable.from(new RangePublisher(0, -1)))));
    }

    /** After test_asyncgen.py::AsyncGenAsyncioTest::test_async_gen_aiter: each iteration subscribes anew. */
    @Test
    @Async
    void eachIterationIsANewSubscription() {
        AsyncIterable<Integer> source = AsyncIterable.from(new RangePublisher(10, -1));
        assertEquals(20, Await.on(collect(source)).size() + Await.on(collect(source)).size());
    }

    /** A JDK SubmissionPublisher, delivering on its own executor. */
    @Test
    @Async
    void submissionPublisherFromAnotherThread() {
        SubmissionPublisher<String> publisher = new SubmissionPublisher<>();
        Thread producer = new Thread(() -> {
            while (publisher.getNumberOfSubscribers() == 0) {
                Thread.onSpinWait();
            }
            publisher.submit("a");
            publisher.submit("b");
            publisher.submit("c");
            publisher.close();
        });
        producer.start();
        List<String> out = new ArrayList<>();
        for (String s : Await.each(AsyncIterable.<String>from(publisher))) {
            out.add(s);
        }
        assertEquals(List.of("a", "b", "c"), out);
    }

    /** After test_asyncgen.py::TestUnawaitedWarnings::test_asend_send_already_running: one consumer at a time. */
    @Test
    @Async
    void concurrentHasNextFailsClearly() {
        AsyncIterator<Integer> it = AsyncIterable.<Integer>from(new RangePublisher(3, -1)).iterator();
        Task<Boolean> first = Asyncio.createTask(it.hasNext());
        Await.on(Asyncio.sleep(0));
        Throwable second = Await.on(Fixtures.failureOf(it.hasNext()));
        assertInstanceOf(IllegalStateException.class, second);
        assertTrue(second.getMessage().contains("two consumers"), second.getMessage());
        assertTrue(Await.on(first));
        assertEquals(0, it.next());
    }

    /** Misuse fails when the iterable is made, not later inside the loop. */
    @Test
    void invalidArgumentsAreRejected() {
        assertThrows(NullPointerException.class, () -> AsyncIterable.from(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AsyncIterable.from(new RangePublisher(1, -1), 0));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }
}
