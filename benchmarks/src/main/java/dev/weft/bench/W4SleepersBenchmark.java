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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W4: 100,000 tasks sleeping pseudo-random 0-100 ms; await all. Time per sleeper, which includes
 * the 100 ms floor spread over the sleepers: 1.0 µs of every result is that floor.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xmx4g", "-XX:+UseG1GC"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@OperationsPerInvocation(Workloads.SLEEPERS)
@State(Scope.Benchmark)
public class W4SleepersBenchmark {
    private static final long EXPECTED = Workloads.sumOfIndexes(Workloads.SLEEPERS);

    private final int[] millis = Workloads.sleepMillis();

    @Benchmark
    public long weft() {
        return Workloads.check("W4 weft", Asyncio.run(WeftWorkloads.sleepers(millis)), EXPECTED);
    }

    @Benchmark
    public long completableFuture(SingleThreadExecutors threads) {
        return Workloads.check("W4 completableFuture",
                CompletableFutureWorkloads.sleepers(millis, threads.scheduler).join(), EXPECTED);
    }
}
