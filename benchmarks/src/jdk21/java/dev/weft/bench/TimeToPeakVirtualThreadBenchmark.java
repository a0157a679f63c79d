package dev.weft.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/** {@link TimeToPeakBenchmark}'s shots on virtual threads with one carrier (JDK 21+ only). */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 10, jvmArgsAppend = {"-Xmx4g", "-XX:+UseG1GC", "-Djdk.virtualThreadScheduler.parallelism=1",
        "-Djdk.virtualThreadScheduler.maxPoolSize=1"})
@Warmup(iterations = 0)
@Measurement(iterations = 20)
public class TimeToPeakVirtualThreadBenchmark {
    @Benchmark
    public long w5VirtualThreads() throws Exception {
        return Workloads.check("W5 virtualThreads",
                VirtualThreadWorkloads.inVirtualThread(() -> VirtualThreadWorkloads.deep(Workloads.DEPTH, Workloads.DEEP_REPEATS)),
                (long) Workloads.DEPTH * Workloads.DEEP_REPEATS);
    }

    @Benchmark
    public long spawnsVirtualThreads() throws Exception {
        return Workloads.check("spawns virtualThreads",
                VirtualThreadWorkloads.inVirtualThread(() -> VirtualThreadWorkloads.spawn(TimeToPeakBenchmark.FIRST)),
                Workloads.sumOfIndexes(TimeToPeakBenchmark.FIRST));
    }

    @Benchmark
    public long awaitsVirtualThreads() throws Exception {
        return Workloads.check("awaits virtualThreads",
                VirtualThreadWorkloads.inVirtualThread(() -> VirtualThreadWorkloads.chain(TimeToPeakBenchmark.FIRST)),
                Workloads.chainSum(TimeToPeakBenchmark.FIRST));
    }
}
