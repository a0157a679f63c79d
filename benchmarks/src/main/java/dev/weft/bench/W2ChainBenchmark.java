package dev.weft.bench;

import dev.weft.Asyncio;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** W2: 10,000,000 awaits of a child that returns i+1 without suspending. Time per await (or call). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xmx4g", "-XX:+UseG1GC"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@OperationsPerInvocation(Workloads.CHAIN_AWAITS)
@State(Scope.Benchmark)
public class W2ChainBenchmark {
    private static final long EXPECTED = Workloads.chainSum(Workloads.CHAIN_AWAITS);

    /** A field, not a constant, so that the JIT cannot fold the plain loops away. */
    int awaits = Workloads.CHAIN_AWAITS;

    @Benchmark
    public long weft() {
        return Workloads.check("W2 weft", Asyncio.run(WeftWorkloads.chain(awaits)), EXPECTED);
    }

    @Benchmark
    public long completableFuture(SingleThreadExecutors threads) {
        return Workloads.check("W2 completableFuture", CompletableFutureWorkloads.chain(awaits, threads.executor).join(), EXPECTED);
    }

    @Benchmark
    public long plainInlined() {
        long sum = 0;
        for (int i = 0; i < awaits; i++) {
            sum += plusOne(i);
        }
        return Workloads.check("W2 plainInlined", sum, EXPECTED);
    }

    @Benchmark
    public long plainNotInlined() {
        long sum = 0;
        for (int i = 0; i < awaits; i++) {
            sum += plusOneNotInlined(i);
        }
        return Workloads.check("W2 plainNotInlined", sum, EXPECTED);
    }

    private static int plusOne(int i) {
        return i + 1;
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static int plusOneNotInlined(int i) {
        return i + 1;
    }
}
