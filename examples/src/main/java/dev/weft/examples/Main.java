package dev.weft.examples;

import dev.weft.Asyncio;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** Runs every demo in turn: {@code mvn -B -q package -DskipTests exec:java} from the repository root. */
public final class Main {
    /** The demos, by name, in the order they run. */
    static final Map<String, Callable<?>> DEMOS = new LinkedHashMap<>();

    static {
        DEMOS.put("hello: gather two greetings", () -> Asyncio.run(Hello.main()));
        DEMOS.put("fetch: concurrent HTTP requests", Fetch::run);
        DEMOS.put("producer/consumer: a bounded queue", () -> Asyncio.run(ProducerConsumer.main()));
        DEMOS.put("limited fetch: a semaphore caps concurrency", LimitedFetch::run);
        DEMOS.put("signals: an event as a starting gun", () -> Asyncio.run(Signals.main()));
        DEMOS.put("pages: a paginating async generator", () -> Asyncio.run(Pages.main()));
        DEMOS.put("task group: one child fails, the rest are cancelled", () -> Asyncio.run(GroupFailure.main()));
        DEMOS.put("timeouts: deadlines around awaits", () -> Asyncio.run(Timeouts.main()));
    }

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        for (var demo : DEMOS.entrySet()) {
            System.out.println("== " + demo.getKey());
            demo.getValue().call();
        }
    }
}
