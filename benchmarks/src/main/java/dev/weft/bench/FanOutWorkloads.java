package dev.weft.bench;

import dev.weft.Async;
import dev.weft.AsyncIterable;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.ReturnWhen;
import dev.weft.Task;
import dev.weft.TaskGroup;
import dev.weft.Wait;
import java.util.ArrayList;
import java.util.List;

/**
 * The fan-out shapes of issue 15 as a Weft user writes them: {@code rounds} times, start
 * {@code width} tasks that each yield once (W1's task) and collect their results. Every shape
 * sums the indexes of all rounds, so each returns {@code rounds * sumOfIndexes(width)}.
 */
final class FanOutWorkloads {
    private FanOutWorkloads() {
    }

    /** W1's tasks 0..width-1, in a list as users keep them; called from the workloads, on the loop. */
    static List<Task<Integer>> spawn(int width) {
        List<Task<Integer>> tasks = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            tasks.add(Asyncio.createTask(WeftWorkloads.yieldOnce(i)));
        }
        return tasks;
    }

    /** The reference: the same tasks in the same list, each awaited in turn ({@code for t in tasks: await t}). */
    @Async
    static Coroutine<Long> oneByOne(int width, int rounds) {
        long sum = 0;
        for (int r = 0; r < rounds; r++) {
            List<Task<Integer>> tasks = spawn(width);
            for (Task<Integer> task : tasks) {
                sum += Await.on(task);
            }
        }
        return Coroutine.of(sum);
    }

    /** {@code tasks = [create_task(...) ...]; await gather(*tasks)}. */
    @Async
    static Coroutine<Long> gatherTasks(int width, int rounds) {
        long sum = 0;
        for (int r = 0; r < rounds; r++) {
            List<Task<Integer>> tasks = spawn(width);
            List<Integer> results = Await.on(Asyncio.gather(tasks));
            for (int result : results) {
                sum += result;
            }
        }
        return Coroutine.of(sum);
    }

    /** {@code await gather(*(work(i) for i in ...))}: coroutines, which gather schedules as tasks. */
    @Async
    static Coroutine<Long> gatherCoroutines(int width, int rounds) {
        long sum = 0;
        for (int r = 0; r < rounds; r++) {
            @SuppressWarnings("unchecked")
            Coroutine<Integer>[] coroutines = new Coroutine[width];
            for (int i = 0; i < width; i++) {
                coroutines[i] = WeftWorkloads.yieldOnce(i);
            }
            List<Integer> results = Await.on(Asyncio.gather(coroutines));
            for (int result : results) {
                sum += result;
            }
        }
        return Coroutine.of(sum);
    }

    /** {@code async with TaskGroup() as g: ... g.create_task(...)}; results read once the group is done. */
    @Async
    static Coroutine<Long> taskGroup(int width, int rounds) {
        long sum = 0;
        for (int r = 0; r < rounds; r++) {
            @SuppressWarnings("unchecked")
            Task<Integer>[] tasks = new Task[width];
            try (TaskGroup group = new TaskGroup()) {
                for (int i = 0; i < width; i++) {
                    tasks[i] = group.createTask(WeftWorkloads.yieldOnce(i));
                }
            }
            for (Task<Integer> task : tasks) {
                sum += task.result();
            }
        }
        return Coroutine.of(sum);
    }

    /** {@code for next in as_completed(tasks): sum += await next}. */
    @Async
    static Coroutine<Long> asCompleted(int width, int rounds) {
        long sum = 0;
        for (int r = 0; r < rounds; r++) {
            List<Task<Integer>> tasks = spawn(width);
            AsyncIterable<Integer> completed = Asyncio.asCompleted(tasks);
            for (int result : Await.each(completed)) {
                sum += result;
            }
        }
        return Coroutine.of(sum);
    }

    /** {@code done, _ = await wait(tasks)} ({@code ALL_COMPLETED}), then each task's result. */
    @Async
    static Coroutine<Long> waitAll(int width, int rounds) {
        long sum = 0;
        for (int r = 0; r < rounds; r++) {
            List<Task<Integer>> tasks = spawn(width);
            Wait.Result<Integer> done = Await.on(Asyncio.wait(tasks, ReturnWhen.ALL_COMPLETED));
            for (Task<Integer> task : done.done()) {
                sum += task.result();
            }
        }
        return Coroutine.of(sum);
    }
}
