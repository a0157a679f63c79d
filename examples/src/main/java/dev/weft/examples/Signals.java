package dev.weft.examples;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.Event;
import dev.weft.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link Event} as a starting gun: five runners wait for {@code go}; the starter sets it after
 * a 0.1 s countdown, and every runner starts at that moment, none before. A second event,
 * {@code finished}, tells the starter when the last runner is home.
 */
public final class Signals {
    static final int RUNNERS = 5;
    static final double COUNTDOWN = 0.1;

    private Signals() {
    }

    /** When the gun went off and when each runner started, in loop seconds. */
    record Report(double gunFiredAt, List<Double> startedAt) {
    }

    @Async
    static Coroutine<Void> runner(int lane, Event go, Event finished, List<Double> startedAt, int[] home) {
        Await.on(go.await());                                   // await go.wait()
        startedAt.add(Asyncio.getRunningLoop().time());
        Await.on(Asyncio.sleep(0.01 * lane));
        home[0]++;
        if (home[0] == RUNNERS) {
            finished.set();
        }
        return Coroutine.done();
    }

    @Async
    public static Coroutine<Report> main() {
        Event go = new Event();
        Event finished = new Event();
        List<Double> startedAt = new ArrayList<>();
        int[] home = new int[1];
        List<Task<Void>> runners = new ArrayList<>();
        for (int lane = 1; lane <= RUNNERS; lane++) {
            runners.add(Asyncio.createTask(runner(lane, go, finished, startedAt, home)));
        }
        Await.on(Asyncio.sleep(COUNTDOWN));
        double gunFiredAt = Asyncio.getRunningLoop().time();
        go.set();
        Await.on(finished.await());
        System.out.printf("  %d runners waited for the signal, started %.1f ms after it at most, and all came home%n",
                startedAt.size(), 1000 * (startedAt.stream().mapToDouble(Double::doubleValue).max().orElse(0) - gunFiredAt));
        return Coroutine.of(new Report(gunFiredAt, startedAt));
    }
}
