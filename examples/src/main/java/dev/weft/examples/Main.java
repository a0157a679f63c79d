package dev.weft.examples;

import dev.weft.Asyncio;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs the demos: every one in turn with no arguments, or those named. From the repository root:
 * <pre>
 * mvn -B -q package -DskipTests exec:java                          # all of them
 * mvn -B -q package -DskipTests exec:java -Dexec.args="fetch pages" # two of them
 * </pre>
 */
public final class Main {
    /** A demo: its name on the command line, what it shows, and how to run it. */
    record Demo(String name, String shows, Callable<?> run) {
    }

    /** The demos, in the order they run. */
    static final List<Demo> DEMOS = List.of(
            new Demo("hello", "gather two greetings", () -> Asyncio.run(Hello.main())),
            new Demo("top-level", "main itself is @Async void: top-level await", () -> {
                TopLevel.main(new String[0]);
                return null;
            }),
            new Demo("fetch", "concurrent HTTP requests", Fetch::run),
            new Demo("producer-consumer", "a bounded queue", () -> Asyncio.run(ProducerConsumer.main())),
            new Demo("limited-fetch", "a semaphore caps concurrency", LimitedFetch::run),
            new Demo("signals", "an event as a starting gun", () -> Asyncio.run(Signals.main())),
            new Demo("pages", "a paginating async generator", () -> Asyncio.run(Pages.main())),
            new Demo("group-failure", "one child of a task group fails, the rest are cancelled",
                    () -> Asyncio.run(GroupFailure.main())),
            new Demo("timeouts", "deadlines around awaits", () -> Asyncio.run(Timeouts.main())),
            new Demo("request-logging", "a context variable in every log record", () -> Asyncio.run(RequestLogging.main())),
            new Demo("echo", "a TCP server and its client on one loop", () -> Asyncio.run(Echo.main())),
            new Demo("chat", "a line-based chat server with many clients", () -> Asyncio.run(Chat.main())),
            new Demo("tls", "a round trip over TLS with a self-signed certificate", TlsEcho::run),
            new Demo("pipeline", "sort | uniq -c through the loop", () -> Asyncio.run(Pipeline.main())));

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        for (Demo demo : selected(args)) {
            System.out.println("== " + demo.name() + ": " + demo.shows());
            demo.run().call();
        }
    }

    /** The demos named in {@code args}, in the order given; all of them when there are none. */
    static List<Demo> selected(String[] args) {
        if (args.length == 0) {
            return DEMOS;
        }
        List<Demo> chosen = new ArrayList<>();
        for (String name : args) {
            chosen.add(DEMOS.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow(
                    () -> new IllegalArgumentException("no demo named " + name + "; the demos are "
                            + DEMOS.stream().map(Demo::name).toList())));
        }
        return chosen;
    }
}
