package dev.weft.it.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Task;
import dev.weft.TaskGroup;
import dev.weft.TimeoutError;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * 100,000 tasks with random sleeps, random cancellations and random timeouts: every task ends
 * exactly once, and the loop holds nothing afterwards. Mirrors the spirit of test_tasks.py's
 * cancellation tests at scale.
 */
// Without WeftExtension: in debug mode, the step that creates the 100,000 tasks alone holds the loop for seconds.
class StressTest {
    private static final int TASKS = 100_000;

    @Async
    static Coroutine<String> worker(int kind, double sleep, double limit) {
        switch (kind) {
            case 0:
                Await.on(Asyncio.sleep(sleep));
                return Coroutine.of("slept");
            case 1:
                try (var t = Asyncio.timeout(limit)) {
                    Await.on(Asyncio.sleep(sleep));
                } catch (TimeoutError e) {
                    return Coroutine.of("timeout");
                }
                return Coroutine.of("in time");
            case 2:
                try {
                    return Coroutine.of(Await.on(Asyncio.waitFor(Asyncio.sleep(sleep, "waited"), limit)));
                } catch (TimeoutError e) {
                    return Coroutine.of("timeout");
                }
            default:
                try (var g = new TaskGroup()) {
                    g.createTask(Asyncio.sleep(sleep));
                    g.createTask(Asyncio.sleep(limit));
                }
                return Coroutine.of("grouped");
        }
    }

    @Async
    static Coroutine<int[]> main(long seed) {
        EventLoop loop = Asyncio.getRunningLoop();
        SplittableRandom random = new SplittableRandom(seed);
        int[] endings = new int[TASKS];
        List<Task<String>> tasks = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            int id = i;
            Task<String> task = Asyncio.createTask(worker(random.nextInt(4), random.nextDouble(0.02), random.nextDouble(0.02)));
            task.addDoneCallback(t -> endings[id]++);
            if (random.nextInt(4) == 0) {
                loop.callLater(random.nextDouble(0.02), task::cancel);
            }
            tasks.add(task);
        }
        List<Object> outcomes = Await.on(Asyncio.gatherSettled(tasks));
        Await.on(Asyncio.sleep(0.05)); // let every timer deadline pass and the done callbacks run
        int[] tally = new int[3]; // finished normally, cancelled, failed
        for (int i = 0; i < TASKS; i++) {
            Task<String> t = tasks.get(i);
            assertTrue(t.isDone());
            Object outcome = outcomes.get(i);
            tally[t.isCancelled() ? 1 : outcome instanceof Throwable ? 2 : 0]++;
        }
        for (int i = 0; i < TASKS; i++) {
            assertEquals(1, endings[i], "task " + i + " ended " + endings[i] + " times");
        }
        return Coroutine.of(tally);
    }

    @Test
    void hundredThousandTasksWithRandomSleepsCancellationsAndTimeouts() {
        EventLoop loop = new EventLoop();
        try {
            int[] tally = loop.runUntilComplete(main(42));
            assertEquals(TASKS, tally[0] + tally[1] + tally[2]);
            assertEquals(0, tally[2], "no task may fail");
            assertTrue(tally[1] > TASKS / 20, "some tasks were cancelled: " + tally[1]);
            EventLoop.Stats stats = loop.stats();
            assertEquals(new EventLoop.Stats(0, 0, 0, 0, 0, 0), stats);
        } finally {
            loop.close();
        }
    }
}
