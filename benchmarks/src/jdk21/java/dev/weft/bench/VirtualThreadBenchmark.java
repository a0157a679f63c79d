package dev.weft.bench;

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
 * W1-W5 on virtual threads with a single carrier (JDK 21+ only). Units as in the W1-W5 classes:
 * per task, await, round trip, sleeper and level.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xmx4g", "-XX:+UseG1GC", "-Djdk.virtualThreadScheduler.parallelism=1",
        "-Djdk.virtualThreadScheduler.maxPoolSize=1"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class VirtualThreadBenchmark {
    private final int[] millis = Workloads.sleepMillis();

    @Benchmark
    @OperationsPerInvocation(Workloads.SPAWN_TASKS)
    public long w1Spawn() throws Exception {
        return Workloads.check("W1 virtualThreads",
                VirtualThreadWorkloads.inVirtualThread(() -> VirtualThreadWorkloads.spawn(Workloads.SPAWN_TASKS)),
                Workloads.sumOfIndexes(Workloads.SPAWN_TASKS));
    }

    @Benchmark
    @OperationsPerInvocation(Workloads.CHAIN_AWAITS)
    public long w2Chain() throws Exception {
        return Workloads.check("W2 virtualThreads",
                VirtualThreadWorkloads.inVirtualThread(() -> VirtualThreadWorkloads.chain(Workloads.CHAIN_AWAITS)),
                Workloads.chainSum(Workloads.CHAIN_AWAITS));
    }

    @Benchmark
    @OperationsPerInvocation(Workloads.PING_PONG_ROUND_TRIPS)
    public long w3PingPong() throws Exception {
        return Workloads.check("W3 virtualThreads",
                VirtualThreadWorkloads.inVirtualThread(() -> VirtualThreadWorkloads.pingPong(Workloads.PING_PONG_ROUND_TRIPS)),
                Workloads.pingPongSum(Workloads.PING_PONG_ROUND_TRIPS));
    }

    @Benchmark
    @OperationsPerInvocation(Workloads.SLEEPERS)
    public long w4Sleepers() throws Exception {
        return Workloads.check("W4 virtualThreads",
                VirtualThreadWorkloads.inVirtualThread(() -> VirtualThreadWorkloads.sleepers(millis)),
                Workloads.sumOfIndexes(Workloads.SLEEPERS));
    }

    @Benchmark
    @OperationsPerInvocation(Workloads.DEPTH * Workloads.DEEP_REPEATS)
    public long w5Deep() throws Exception {
        return Workloads.check("W5 virtualThreads",
                VirtualThreadWorkloads.inVirtualThread(() -> VirtualThreadWorkloads.deep(Workloads.DEPTH, Workloads.DEEP_REPEATS)),
                (long) Workloads.DEPTH * Workloads.DEEP_REPEATS);
    }
}
