package dev.weft.bench;

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

/** {@link FanOutBenchmark}'s workload on virtual threads with one carrier (JDK 21+ only): W1's spawn, {@code width} at a time. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xmx4g", "-XX:+UseG1GC", "-Djdk.virtualThreadScheduler.parallelism=1",
        "-Djdk.virtualThreadScheduler.maxPoolSize=1"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@OperationsPerInvocation(Workloads.FAN_OUT_TASKS)
@State(Scope.Benchmark)
public class FanOutVirtualThreadBenchmark {
    @Param({"10", "1000", "1000000"})
    int width;

    @Benchmark
    public long virtualThreads() throws Exception {
        int rounds = Workloads.FAN_OUT_TASKS / width;
        return Workloads.check("fan-out virtualThreads width " + width, VirtualThreadWorkloads.inVirtualThread(() -> {
            long sum = 0;
            for (int r = 0; r < rounds; r++) {
                sum += VirtualThreadWorkloads.spawn(width);
            }
            return sum;
        }), Workloads.fanOutSum(width));
    }
}
