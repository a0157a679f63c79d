package dev.weft.bench;

import java.util.SplittableRandom;

/** The sizes of workloads W1-W5 and the results every implementation must produce. */
final class Workloads {
    /** W1: tasks spawned, each yielding to its scheduler once. */
    static final int SPAWN_TASKS = 1_000_000;
    /** Fan-out benchmarks: tasks per invocation, in rounds of the benchmark's width. */
    static final int FAN_OUT_TASKS = 1_000_000;
    /** W2: awaits of a child that completes without suspending. */
    static final int CHAIN_AWAITS = 10_000_000;
    /** W3: round trips between two coroutines through two capacity-1 queues. */
    static final int PING_PONG_ROUND_TRIPS = 1_000_000;
    /** W4: concurrent sleepers. */
    static final int SLEEPERS = 100_000;
    /** W4: the longest sleep; the workload cannot finish sooner. */
    static final int MAX_SLEEP_MILLIS = 100;
    /** W5: recursion depth; the leaf suspends once. */
    static final int DEPTH = 1_000;
    /** W5: how many times the deep recursion runs, one after the other. */
    static final int DEEP_REPEATS = 1_000;

    private Workloads() {
    }

    /** W1 and W4 return the indexes 0..n-1; their sum. */
    static long sumOfIndexes(int n) {
        return (long) n * (n - 1) / 2;
    }

    /** Fan-out: every round of {@code width} tasks returns the indexes 0..width-1. */
    static long fanOutSum(int width) {
        return (long) (FAN_OUT_TASKS / width) * sumOfIndexes(width);
    }

    /** W2: the children return 1..n. */
    static long chainSum(int n) {
        return (long) n * (n + 1) / 2;
    }

    /** W3: pong answers i with i+1, so ping receives 1..n. */
    static long pingPongSum(int n) {
        return (long) n * (n + 1) / 2;
    }

    /** W4: the same pseudo-random 0..MAX_SLEEP_MILLIS delays for every implementation. */
    static int[] sleepMillis() {
        SplittableRandom random = new SplittableRandom(20_261_129L);
        int[] delays = new int[SLEEPERS];
        for (int i = 0; i < delays.length; i++) {
            delays[i] = random.nextInt(MAX_SLEEP_MILLIS + 1);
        }
        return delays;
    }

    /** Fails the benchmark run when an implementation computed the wrong thing. */
    static long check(String workload, long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException(workload + " computed " + actual + ", expected " + expected);
        }
        return actual;
    }
}
