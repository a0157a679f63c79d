package dev.weft.bench;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.Event;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The heap a suspended task keeps alive: starts 1,000,000 tasks that all wait on one {@link Event},
 * and prints (heap after a full GC with every task suspended − heap after a full GC before) ÷ count.
 * Run with {@code -Xmx4g -XX:+UseG1GC}; an argument overrides the count.
 */
public final class RetainedHeapPerTask {
    private static int woken;

    private RetainedHeapPerTask() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long bytesPerTask = Asyncio.run(measure(count));
        System.out.println("retained heap per suspended task: " + bytesPerTask + " bytes (" + count + " tasks on one Event)");
    }

    @Async
    static Coroutine<Void> waitFor(Event event) {
        Await.on(event.await());
        woken++;
        return Coroutine.done();
    }

    @Async
    static Coroutine<Long> measure(int count) {
        Event event = new Event();
        long before = heapAfterFullGc();
        for (int i = 0; i < count; i++) {
            Asyncio.createTask(waitFor(event));
        }
        Await.on(Asyncio.sleep(0)); // every task runs to its wait
        long suspended = heapAfterFullGc();
        event.set();
        while (woken < count) {
            Await.on(Asyncio.sleep(0));
        }
        return Coroutine.of((suspended - before) / count);
    }

    private static long heapAfterFullGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
