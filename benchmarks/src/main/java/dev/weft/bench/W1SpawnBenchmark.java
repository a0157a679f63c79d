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
import org.openjdk.jmh.annotations.Warmup;

/** W1: spawn 1,000,000 tasks that each yield once and return their index; await all; sum. Time per task. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xmx4g", "-XX:+UseG1GC"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@OperationsPerInvocation(Workloads.SPAWN_TASKS)
public class W1SpawnBenchmark {
    private static final long EXPECTED = Workloads.sumOfIndexes(Workloads.SPAWN_TASKS);

    @Benchmark
    public long weft() {
        return Workloads.check("W1 weft", Asyncio.run(WeftWorkloads.spawn(Workloads.SPAWN_TASKS)), EXPECTED);
    }

    @Benchmark
    public long completableFuture(SingleThreadExecutors threads) {
        return Workloads.check("W1 completableFuture",
                CompletableFutureWorkloads.spawn(Workloads.SPAWN_TASKS, threads.executor).join(), EXPECTED);
    }
}
