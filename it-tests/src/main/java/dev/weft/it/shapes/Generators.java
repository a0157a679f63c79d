package dev.weft.it.shapes;

import dev.weft.AsyncCloseable;
import dev.weft.AsyncGenerator;
import dev.weft.AsyncIterator;
import dev.weft.Async;
import dev.weft.Await;
import dev.weft.Coroutine;
import java.util.ArrayList;
import java.util.List;

/** Async generators ({@code Await.yield}), {@code async for} ({@code Await.each}) and {@code async with} (try-with-resources). */
public final class Generators {
    private Generators() {
    }

    /** Counts down from {@code n}, awaiting before each value; its finally block awaits too and logs how it ended. */
    @Async
    public static AsyncGenerator<Integer> countdown(Mode m, int n, List<String> log) {
        try {
            while (n > 0) {
                Await.on(m.value(null));
                Await.yield(n--);
            }
            return AsyncGenerator.end();
        } finally {
            log.add("closed at " + Await.on(m.value(n)));
        }
    }

    @Async
    public static Coroutine<Integer> asyncForSumsAGenerator(Mode m, List<String> log) {
        int sum = 0;
        for (int x : Await.each(countdown(m, 5, log))) {
            sum += x;
        }
        return Coroutine.of(sum);
    }

    /** Breaking out of {@code async for} closes the generator: its finally block runs before the loop is left. */
    @Async
    public static Coroutine<List<Integer>> breakOutOfAsyncForClosesTheGenerator(Mode m, List<String> log) {
        List<Integer> seen = new ArrayList<>();
        for (int x : Await.each(countdown(m, 5, log))) {
            if (x == 3) {
                break;
            }
            seen.add(x);
        }
        log.add("after loop");
        return Coroutine.of(seen);
    }

    /** The protocol under {@code async for}, driven by hand. */
    @Async
    public static Coroutine<List<Integer>> manualIteration(Mode m, List<String> log) {
        List<Integer> out = new ArrayList<>();
        AsyncIterator<Integer> it = countdown(m, 3, log).iterator();
        while (Await.on(it.hasNext())) {
            out.add(it.next());
        }
        return Coroutine.of(out);
    }

    /** A resource whose asynchronous close awaits. */
    public static final class Connection implements AsyncCloseable {
        private final Mode mode;
        private final String name;
        private final List<String> log;

        public Connection(Mode mode, String name, List<String> log) {
            this.mode = mode;
            this.name = name;
            this.log = log;
            log.add("open " + name);
        }

        @Async
        public Coroutine<String> query(String q) {
            return Coroutine.of(name + ":" + Await.on(mode.value(q)));
        }

        @Override
        @Async
        public Coroutine<Void> aclose() {
            log.add("close " + name + Await.on(mode.value("")));
            return Coroutine.done();
        }
    }

    /** try-with-resources awaits each resource's {@code aclose()}, in reverse order. */
    @Async
    public static Coroutine<String> tryWithResourcesAwaitsAclose(Mode m, List<String> log) {
        try (var a = new Connection(m, "a", log); var b = new Connection(m, "b", log)) {
            log.add(Await.on(a.query("q1")));
            log.add(Await.on(b.query("q2")));
        }
        return Coroutine.of("done");
    }

    /** The resource is closed (awaiting) also when the body throws, and the body's exception is the one that escapes. */
    @Async
    public static Coroutine<String> tryWithResourcesClosesWhenTheBodyThrows(Mode m, List<String> log) {
        try {
            try (var c = new Connection(m, "c", log)) {
                Await.on(m.failure(new IllegalStateException("body failed")));
            }
            return Coroutine.of("unreached");
        } catch (IllegalStateException e) {
            return Coroutine.of(e.getMessage());
        }
    }

    /** Yields pairs by iterating two generators, one nested in the other's loop. */
    @Async
    public static AsyncGenerator<String> pairs(Mode m, List<String> log) {
        for (int a : Await.each(countdown(m, 2, log))) {
            for (int b : Await.each(countdown(m, a, log))) {
                Await.yield(a + ":" + b);
            }
        }
        return AsyncGenerator.end();
    }

    @Async
    public static Coroutine<List<String>> generatorOverNestedAsyncFor(Mode m, List<String> log) {
        List<String> out = new ArrayList<>();
        for (String pair : Await.each(pairs(m, log))) {
            out.add(pair);
        }
        return Coroutine.of(out);
    }

    /** Fails after yielding {@code before} values; the consumer sees the values, then the same exception object. */
    @Async
    public static AsyncGenerator<Integer> failingAfter(Mode m, int before, RuntimeException error) {
        for (int i = 0; i < before; i++) {
            Await.yield(Await.on(m.value(i)));
        }
        throw error;
    }

    @Async
    public static Coroutine<String> exceptionInAGeneratorReachesTheAsyncFor(Mode m, RuntimeException error) {
        StringBuilder seen = new StringBuilder();
        try {
            for (int x : Await.each(failingAfter(m, 2, error))) {
                seen.append(x);
            }
            return Coroutine.of("no exception");
        } catch (RuntimeException e) {
            return Coroutine.of(seen + (e == error ? " same exception" : " another exception"));
        }
    }

    /** Suspended inside two try/finally blocks at its yield; closing it runs both finally blocks, each awaiting. */
    @Async
    public static AsyncGenerator<Integer> nestedFinally(Mode m, List<String> log) {
        try {
            try {
                for (int i = 0; ; i++) {
                    Await.yield(Await.on(m.value(i)));
                }
            } finally {
                log.add("inner finally " + Await.on(m.value("awaited")));
            }
        } finally {
            log.add("outer finally " + Await.on(m.value("awaited")));
        }
    }

    /** Returns from inside {@code async for} (inside a try/finally of the consumer), closing the generator first. */
    @Async
    public static Coroutine<Integer> returnFromAsyncForClosesNestedFinallyBlocks(Mode m, List<String> log) {
        try {
            for (int x : Await.each(nestedFinally(m, log))) {
                if (x == 1) {
                    continue;
                }
                if (x == 2) {
                    return Coroutine.of(x * Await.on(m.value(10)));
                }
            }
            return Coroutine.of(-1);
        } finally {
            log.add("consumer finally");
        }
    }

    /** A loop body with a {@code return} followed by a branch that skips to the end of the body. */
    @Async
    public static Coroutine<Integer> returnAndBranchesInOneAsyncForBody(Mode m, List<String> log) {
        int sum = 0;
        for (int x : Await.each(countdown(m, 5, log))) {
            if (x == 0) {
                return Coroutine.of(-1);
            }
            if (x % 2 == 0) {
                sum += x;
            }
        }
        return Coroutine.of(sum);
    }

    /** Re-yields the values of an inner generator; its own finally block runs after the inner generator's. */
    @Async
    public static AsyncGenerator<String> relay(Mode m, List<String> log) {
        try {
            for (int x : Await.each(countdown(m, 3, log))) {
                Await.yield("x" + x);
            }
            return AsyncGenerator.end();
        } finally {
            log.add("relay closed");
        }
    }

    /** Closing a generator suspended inside its own async for closes the generator that loop iterates first. */
    @Async
    public static Coroutine<List<String>> breakOutOfARelayClosesBothGenerators(Mode m, List<String> log) {
        List<String> out = new ArrayList<>();
        for (String s : Await.each(relay(m, log))) {
            out.add(s);
            if (out.size() == 2) {
                break;
            }
        }
        return Coroutine.of(out);
    }

    /** A generator that ends from inside its own async for: the inner generator is closed before it ends. */
    @Async
    public static AsyncGenerator<Integer> firstTwo(Mode m, List<String> log) {
        int taken = 0;
        for (int x : Await.each(countdown(m, 5, log))) {
            Await.yield(x);
            if (++taken == 2) {
                return AsyncGenerator.end();
            }
        }
        return AsyncGenerator.end();
    }

    @Async
    public static Coroutine<Integer> sumOfFirstTwo(Mode m, List<String> log) {
        int sum = 0;
        for (int x : Await.each(firstTwo(m, log))) {
            sum += x;
        }
        log.add("consumer done");
        return Coroutine.of(sum);
    }

    /** In a switch inside async for, {@code break} leaves the switch, {@code continue} and {@code break loop} the loop's iteration and the loop. */
    @Async
    public static Coroutine<String> switchInsideAsyncFor(Mode m, List<String> log) {
        StringBuilder out = new StringBuilder();
        loop:
        for (int x : Await.each(countdown(m, 5, log))) {
            switch (x) {
                case 5:
                    continue;
                case 4:
                    out.append(Await.on(m.value("four")));
                    break;
                case 2:
                    break loop;
                default:
                    out.append(x);
            }
            out.append(';');
        }
        return Coroutine.of(out.toString());
    }
}
