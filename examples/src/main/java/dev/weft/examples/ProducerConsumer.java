package dev.weft.examples;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.CancelledError;
import dev.weft.Coroutine;
import dev.weft.Queue;
import dev.weft.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Producers and consumers around a bounded {@link Queue}: three producers put 30 jobs into a queue
 * of capacity 5 (waiting while it is full), four consumers take them, and {@code join()} waits
 * until every job was marked done. Each job is handled exactly once; the queue never holds more
 * than 5.
 */
public final class ProducerConsumer {
    static final int PRODUCERS = 3;
    static final int JOBS_PER_PRODUCER = 10;
    static final int CONSUMERS = 4;
    static final int CAPACITY = 5;

    private ProducerConsumer() {
    }

    /** What the run observed. */
    record Report(List<String> handled, int largestQueue) {
    }

    @Async
    static Coroutine<Void> produce(Queue<String> jobs, int producer, int[] largestQueue) {
        for (int i = 0; i < JOBS_PER_PRODUCER; i++) {
            Await.on(jobs.put("job " + producer + "." + i));   // waits while the queue is full
            largestQueue[0] = Math.max(largestQueue[0], jobs.size());
            Await.on(Asyncio.sleep(0.001));
        }
        return Coroutine.done();
    }

    @Async
    static Coroutine<Void> consume(Queue<String> jobs, List<String> handled) {
        for (;;) {
            String job = Await.on(jobs.get());                   // waits while the queue is empty
            Await.on(Asyncio.sleep(0.003));                      // the work
            handled.add(job);
            jobs.taskDone();
        }
    }

    @Async
    public static Coroutine<Report> main() {
        Queue<String> jobs = new Queue<>(CAPACITY);
        List<String> handled = new ArrayList<>();
        int[] largestQueue = new int[1];
        List<Task<Void>> consumers = new ArrayList<>();
        for (int c = 0; c < CONSUMERS; c++) {
            consumers.add(Asyncio.createTask(consume(jobs, handled)));
        }
        List<Task<Void>> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            producers.add(Asyncio.createTask(produce(jobs, p, largestQueue)));
        }
        Await.on(Asyncio.gather(producers));
        Await.on(jobs.join());                                   // every job taken and marked done
        for (Task<Void> consumer : consumers) {
            consumer.cancel();                                   // consumers loop forever: stop them
        }
        for (Object outcome : Await.on(Asyncio.gatherSettled(consumers))) {
            if (!(outcome instanceof CancelledError)) {
                throw new IllegalStateException("a consumer ended with " + outcome);
            }
        }
        System.out.printf("  %d jobs handled by %d consumers; the queue held at most %d (capacity %d)%n",
                handled.size(), CONSUMERS, largestQueue[0], CAPACITY);
        return Coroutine.of(new Report(handled, largestQueue[0]));
    }
}
