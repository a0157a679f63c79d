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

/** W3: 1,000,000 round trips between two coroutines through two capacity-1 queues. Time per round trip. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 3, jvmArgsAppend = {"-Xmx4g", "-XX:+UseG1GC"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@OperationsPerInvocation(Workloads.PING_PONG_ROUND_TRIPS)
public class W3PingPongBenchmark {
    private static final long EXPECTED = Workloads.pingPongSum(Workloads.PING_PONG_ROUND_TRIPS);

    @Benchmark
    public long weft() {
        return Workloads.check("W3 weft", Asyncio.run(WeftWorkloads.pingPong(Workloads.PING_PONG_ROUND_TRIPS)), EXPECTED);
    }

    @Benchmark
    public long completableFuture(SingleThreadExecutors threads) {
        return Workloads.check("W3 completableFuture",
                CompletableFutureWorkloads.pingPong(Workloads.PING_PONG_ROUND_TRIPS, threads.executor).join(), EXPECTED);
    }
}
