package dev.weft.bench;

import dev.weft.Asyncio;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The path to peak (issue 15): single shots from a fresh JVM, no warm-up, many forks. Iteration k
 * of a W5 fork is its k-th million levels; the 100,000-task and 100,000-await shots are a short
 * program's first spawns and awaits. {@code benchmarks/time_to_peak.py} turns the JSON into the
 * table of BENCHMARKS.md. Time per shot, in milliseconds.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 10, jvmArgsAppend = {"-Xmx4g", "-XX:+UseG1GC"})
@Warmup(iterations = 0)
@Measurement(iterations = 20)
public class TimeToPeakBenchmark {
    static final int FIRST = 100_000;
    private static final long W5_EXPECTED = (long) Workloads.DEPTH * Workloads.DEEP_REPEATS;

    @Benchmark
    public long w5Weft() {
        return Workloads.check("W5 weft", Asyncio.run(WeftWorkloads.deep(Workloads.DEPTH, Workloads.DEEP_REPEATS)), W5_EXPECTED);
    }

    @Benchmark
    public long w5CompletableFuture(SingleThreadExecutors threads) {
        return Workloads.check("W5 completableFuture",
                CompletableFutureWorkloads.deep(Workloads.DEPTH, Workloads.DEEP_REPEATS, threads.executor).join(), W5_EXPECTED);
    }

    @Benchmark
    public long spawnsWeft() {
        return Workloads.check("spawns weft", Asyncio.run(WeftWorkloads.spawn(FIRST, false)), Workloads.sumOfIndexes(FIRST));
    }

    @Benchmark
    public long spawnsCompletableFuture(SingleThreadExecutors threads) {
        return Workloads.check("spawns completableFuture",
                CompletableFutureWorkloads.spawn(FIRST, threads.executor).join(), Workloads.sumOfIndexes(FIRST));
    }

    @Benchmark
    public long awaitsWeft() {
        return Workloads.check("awaits weft", Asyncio.run(WeftWorkloads.chain(FIRST)), Workloads.chainSum(FIRST));
    }

    @Benchmark
    public long awaitsCompletableFuture(SingleThreadExecutors threads) {
        return Workloads.check("awaits completableFuture",
                CompletableFutureWorkloads.chain(FIRST, threads.executor).join(), Workloads.chainSum(FIRST));
    }
}
