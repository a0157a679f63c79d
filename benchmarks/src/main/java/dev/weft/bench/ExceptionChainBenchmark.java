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
 * What async stack traces cost: an exception thrown 10 awaits down and caught at the top, 10,000
 * times. With {@code suspended}, the bottom coroutine suspended once first, so the exception
 * reaches the task's driver and gains the chain of its awaiters; without, every await ran inline
 * and only the top's {@code catch} clause edits the trace. Time per exception, with the feature
 * (the default) and with {@code -Dweft.asyncStackTraces=false}, each in forks of its own since the
 * switch is read once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@OperationsPerInvocation(ExceptionChainBenchmark.TIMES)
@State(Scope.Benchmark)
public class ExceptionChainBenchmark {
    static final int DEPTH = 10;
    static final int TIMES = 10_000;

    @Param({"true", "false"})
    boolean suspended;

    @Benchmark
    @Fork(value = 3, jvmArgsAppend = {"-Xmx4g", "-XX:+UseG1GC"})
    public long asyncStackTraces() {
        return Workloads.check("exceptions", Asyncio.run(WeftWorkloads.catchThrough(DEPTH, TIMES, suspended)), TIMES);
    }

    @Benchmark
    @Fork(value = 3, jvmArgsAppend = {"-Xmx4g", "-XX:+UseG1GC", "-Dweft.asyncStackTraces=false"})
    public long withoutAsyncStackTraces() {
        return Workloads.check("exceptions", Asyncio.run(WeftWorkloads.catchThrough(DEPTH, TIMES, suspended)), TIMES);
    }
}
