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

/**
 * What async stack traces cost: an exception thrown 10 awaits down, after the bottom coroutine
 * suspended once (so that it reaches the task's driver and gains the chain of its awaiters), and
 * caught at the top; 10,000 times. Time per exception, with the feature (the default) and with
 * {@code -Dweft.asyncStackTraces=false}, each in forks of its own since the switch is read once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@OperationsPerInvocation(ExceptionChainBenchmark.TIMES)
public class ExceptionChainBenchmark {
    static final int DEPTH = 10;
    static final int TIMES = 10_000;

    @Benchmark
    @Fork(value = 3, jvmArgsAppend = {"-Xmx4g", "-XX:+UseG1GC"})
    public long asyncStackTraces() {
        return Workloads.check("exceptions", Asyncio.run(WeftWorkloads.catchThrough(DEPTH, TIMES)), TIMES);
    }

    @Benchmark
    @Fork(value = 3, jvmArgsAppend = {"-Xmx4g", "-XX:+UseG1GC", "-Dweft.asyncStackTraces=false"})
    public long withoutAsyncStackTraces() {
        return Workloads.check("exceptions", Asyncio.run(WeftWorkloads.catchThrough(DEPTH, TIMES)), TIMES);
    }
}
