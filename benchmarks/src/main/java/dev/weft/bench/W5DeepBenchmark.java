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

/** W5: async recursion to depth 1,000 whose leaf suspends once, 1,000 times. Time per level. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xmx4g", "-XX:+UseG1GC"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@OperationsPerInvocation(Workloads.DEPTH * Workloads.DEEP_REPEATS)
public class W5DeepBenchmark {
    private static final long EXPECTED = (long) Workloads.DEPTH * Workloads.DEEP_REPEATS;

    @Benchmark
    public long weft() {
        return Workloads.check("W5 weft", Asyncio.run(WeftWorkloads.deep(Workloads.DEPTH, Workloads.DEEP_REPEATS)), EXPECTED);
    }

    @Benchmark
    public long completableFuture(SingleThreadExecutors threads) {
        return Workloads.check("W5 completableFuture",
                CompletableFutureWorkloads.deep(Workloads.DEPTH, Workloads.DEEP_REPEATS, threads.executor).join(), EXPECTED);
    }
}
