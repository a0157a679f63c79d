package dev.weft.examples;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.TimeoutError;
import java.util.ArrayList;
import java.util.List;

/**
 * Deadlines, Python's {@code asyncio.timeout} and {@code wait_for}: a slow call interrupted at its
 * await (its {@code finally} runs, the block throws {@link TimeoutError}), a fast call that beats
 * its deadline, and a deadline pushed back while the work runs.
 */
public final class Timeouts {
    private Timeouts() {
    }

    @Async
    static Coroutine<String> work(String name, double seconds, List<String> events) {
        try {
            Await.on(Asyncio.sleep(seconds));
            return Coroutine.of(name + " finished");
        } finally {
            events.add(name + " left its finally");
        }
    }

    @Async
    public static Coroutine<List<String>> main() {
        List<String> events = new ArrayList<>();
        try (var deadline = Asyncio.timeout(0.1)) {
            events.add(Await.on(work("slow", 10, events)));
        } catch (TimeoutError e) {
            events.add("slow timed out");
        }
        events.add(Await.on(Asyncio.waitFor(work("fast", 0.01, events), 1.0)));
        try {
            Await.on(Asyncio.waitFor(work("waited-for", 10, events), 0.05));
        } catch (TimeoutError e) {
            events.add("waited-for timed out");
        }
        try (var deadline = Asyncio.timeout(0.05)) {
            deadline.reschedule(Asyncio.getRunningLoop().time() + 0.5);  // more time, granted mid-flight
            events.add(Await.on(work("rescheduled", 0.1, events)));
        }
        events.forEach(e -> System.out.println("  " + e));
        return Coroutine.of(events);
    }
}
