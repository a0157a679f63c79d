package dev.weft.bench;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.Queue;
import dev.weft.Task;

/**
 * W1-W5 written as a Weft user would write them. Kept apart from the JMH classes: JMH generates
 * subclasses of those, and woven classes are best left to the weaver alone.
 */
final class WeftWorkloads {
    private WeftWorkloads() {
    }

    @Async
    static Coroutine<Integer> yieldOnce(int index) {
        Await.on(Asyncio.sleep(0));
        return Coroutine.of(index);
    }

    /** W1; with {@code eagerTaskStart} each task runs up to its yield inside createTask. */
    @Async
    static Coroutine<Long> spawn(int count, boolean eagerTaskStart) {
        Asyncio.getRunningLoop().setEagerTaskStart(eagerTaskStart);
        @SuppressWarnings("unchecked")
        Task<Integer>[] tasks = new Task[count];
        for (int i = 0; i < count; i++) {
            tasks[i] = Asyncio.createTask(yieldOnce(i));
        }
        long sum = 0;
        for (Task<Integer> task : tasks) {
            sum += Await.on(task);
        }
        return Coroutine.of(sum);
    }

    @Async
    static Coroutine<Integer> plusOne(int i) {
        return Coroutine.of(i + 1);
    }

    /** W2. */
    @Async
    static Coroutine<Long> chain(int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += Await.on(plusOne(i));
        }
        return Coroutine.of(sum);
    }

    @Async
    static Coroutine<Long> ping(Queue<Integer> requests, Queue<Integer> replies, int roundTrips) {
        long sum = 0;
        for (int i = 0; i < roundTrips; i++) {
            Await.on(requests.put(i));
            sum += Await.on(replies.get());
        }
        return Coroutine.of(sum);
    }

    @Async
    static Coroutine<Void> pong(Queue<Integer> requests, Queue<Integer> replies, int roundTrips) {
        for (int i = 0; i < roundTrips; i++) {
            int request = Await.on(requests.get());
            Await.on(replies.put(request + 1));
        }
        return Coroutine.done();
    }

    /** W3. */
    @Async
    static Coroutine<Long> pingPong(int roundTrips) {
        Queue<Integer> requests = new Queue<>(1);
        Queue<Integer> replies = new Queue<>(1);
        Task<Void> answering = Asyncio.createTask(pong(requests, replies, roundTrips));
        long sum = Await.on(ping(requests, replies, roundTrips));
        Await.on(answering);
        return Coroutine.of(sum);
    }

    @Async
    static Coroutine<Integer> sleeper(int index, int millis) {
        Await.on(Asyncio.sleep(millis / 1000.0));
        return Coroutine.of(index);
    }

    /** W4. */
    @Async
    static Coroutine<Long> sleepers(int[] millis) {
        @SuppressWarnings("unchecked")
        Task<Integer>[] tasks = new Task[millis.length];
        for (int i = 0; i < millis.length; i++) {
            tasks[i] = Asyncio.createTask(sleeper(i, millis[i]));
        }
        long sum = 0;
        for (Task<Integer> task : tasks) {
            sum += Await.on(task);
        }
        return Coroutine.of(sum);
    }

    @Async
    static Coroutine<Integer> descend(int depth) {
        if (depth == 0) {
            Await.on(Asyncio.sleep(0));
            return Coroutine.of(0);
        }
        return Coroutine.of(Await.on(descend(depth - 1)) + 1);
    }

    /** W5. */
    @Async
    static Coroutine<Long> deep(int depth, int repeats) {
        long sum = 0;
        for (int r = 0; r < repeats; r++) {
            sum += Await.on(descend(depth));
        }
        return Coroutine.of(sum);
    }

    @Async
    static Coroutine<Integer> failAt(int depth, boolean suspend) {
        if (depth == 0) {
            if (suspend) {
                Await.on(Asyncio.sleep(0));
            }
            throw new IllegalStateException("failed at the bottom");
        }
        return Coroutine.of(Await.on(failAt(depth - 1, suspend)) + 1);
    }

    /**
     * The exception benchmark: {@code times} exceptions, each thrown {@code depth} awaits down
     * (after a suspension, or with every await inline) and caught here by a clause that reads it.
     */
    @Async
    static Coroutine<Long> catchThrough(int depth, int times, boolean suspend) {
        long caught = 0;
        for (int i = 0; i < times; i++) {
            try {
                Await.on(failAt(depth, suspend));
            } catch (IllegalStateException e) {
                caught += e.getMessage().length() > 0 ? 1 : 0; // reads it, so the catch edits the trace
            }
        }
        return Coroutine.of(caught);
    }
}
