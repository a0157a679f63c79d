package dev.weft.bench;

import dev.weft.Asyncio;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fan-out as users write it (issue 15): 1,000,000 of W1's tasks per invocation, {@code width} at a
 * time, collected by each shape in {@link FanOutWorkloads}, by {@code allOf}, and (in
 * {@code FanOutVirtualThreadBenchmark}) by virtual threads. Time and bytes per task.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xmx4g", "-XX:+UseG1GC"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@OperationsPerInvocation(Workloads.FAN_OUT_TASKS)
@State(Scope.Benchmark)
public class FanOutBenchmark {
    @Param({"10", "1000", "1000000"})
    int width;

    private int rounds() {
        return Workloads.FAN_OUT_TASKS / width;
    }

    private long check(String shape, long sum) {
        return Workloads.check("fan-out " + shape + " width " + width, sum, Workloads.fanOutSum(width));
    }

    @Benchmark
    public long oneByOne() {
        return check("oneByOne", Asyncio.run(FanOutWorkloads.oneByOne(width, rounds())));
    }

    @Benchmark
    public long gatherTasks() {
        return check("gatherTasks", Asyncio.run(FanOutWorkloads.gatherTasks(width, rounds())));
    }

    @Benchmark
    public long gatherCoroutines() {
        return check("gatherCoroutines", Asyncio.run(FanOutWorkloads.gatherCoroutines(width, rounds())));
    }

    @Benchmark
    public long taskGroup() {
        return check("taskGroup", Asyncio.run(FanOutWorkloads.taskGroup(width, rounds())));
    }

    @Benchmark
    public long asCompleted() {
        return check("asCompleted", Asyncio.run(FanOutWorkloads.asCompleted(width, rounds())));
    }

    @Benchmark
    public long waitAll() {
        return check("waitAll", Asyncio.run(FanOutWorkloads.waitAll(width, rounds())));
    }

    @Benchmark
    public long completableFutureAllOf(SingleThreadExecutors threads) {
        return check("completableFutureAllOf", CompletableFutureWorkloads.fanOut(width, rounds(), threads.executor).join());
    }
}
