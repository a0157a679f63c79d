package dev.weft.examples;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.ExceptionGroup;
import dev.weft.TaskGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TaskGroup} whose child fails: the failure cancels the slow sibling at once (its
 * {@code finally} still runs), the block waits for every child, then throws an
 * {@link ExceptionGroup} holding the failure — Python's {@code async with TaskGroup()} and
 * {@code except*}. The whole block takes the 0.1 s of the failing child, not the 5 s of the slow one.
 */
public final class GroupFailure {
    static final double SLOW = 5.0;

    private GroupFailure() {
    }

    /** What happened to each child, the failures the group reported, and how long the block took. */
    record Report(List<String> events, List<Throwable> failures, double seconds) {
    }

    @Async
    static Coroutine<String> child(String name, double delay, boolean fails, List<String> events) {
        try {
            Await.on(Asyncio.sleep(delay));
            if (fails) {
                throw new IllegalStateException(name + " broke");
            }
            events.add(name + " done");
            return Coroutine.of(name);
        } finally {
            if (!events.contains(name + " done")) {
                events.add(name + " cleaned up");
            }
        }
    }

    @Async
    public static Coroutine<Report> main() {
        List<String> events = new ArrayList<>();
        List<Throwable> failures = List.of();
        double start = Asyncio.getRunningLoop().time();
        try (var group = new TaskGroup()) {
            group.createTask(child("fast", 0.05, false, events));
            group.createTask(child("broken", 0.1, true, events));
            group.createTask(child("slow", SLOW, false, events));
        } catch (ExceptionGroup e) {
            failures = new ArrayList<>(e.exceptions());
        }
        double seconds = Asyncio.getRunningLoop().time() - start;
        System.out.printf("  %s; the group threw %s after %.2f s (the slow child needed %.0f s)%n",
                events, failures, seconds, SLOW);
        return Coroutine.of(new Report(events, failures, seconds));
    }
}
