package dev.weft.weaver;

import static dev.weft.weaver.Shapes.assertShape;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Async generators ({@code Await.yield}), {@code async for} ({@code Await.each}) and
 * {@code async with} (try-with-resources on an {@code AsyncCloseable}).
 */
class ScopeShapesTest {
    private static final String COUNTDOWN = """
                static List<String> log = new ArrayList<>();
                @Async static AsyncGenerator<Integer> countdown(int n) {
                    try {
                        while (n > 0) {
                            Await.on(v(0));
                            Await.yield(n--);
                        }
                        return AsyncGenerator.end();
                    } finally {
                        log.add("closed:" + Await.on(v(n)));
                    }
                }
            """;

    /** Runs {@code find()} with a cleared log: its result, a space, then the log. */
    private static final String FIND_THEN_LOG = "log.clear(); String r = Await.on(find()); return Coroutine.of(r + \" \" + log);";

    @Test
    void asyncForSumsAGenerator() throws Throwable {
        assertShape("15 [closed:0]", COUNTDOWN, """
                log.clear();
                int s = 0;
                for (int x : Await.each(countdown(5))) s += x;
                return Coroutine.of(s + " " + log);""");
    }

    @Test
    void manualIterationWithHasNextAndNext() throws Throwable {
        assertShape("[3, 2, 1]", COUNTDOWN, """
                List<Integer> out = new ArrayList<>();
                AsyncIterator<Integer> it = countdown(3).iterator();
                while (Await.on(it.hasNext())) out.add(it.next());
                return Coroutine.of(out.toString());""");
    }

    @Test
    void breakOutOfAsyncForClosesTheGenerator() throws Throwable {
        assertShape("5,4 [closed:2]", COUNTDOWN, """
                log.clear();
                String seen = "";
                for (int x : Await.each(countdown(5))) {
                    if (x == 3) break;
                    seen += seen.isEmpty() ? x : "," + x;
                }
                return Coroutine.of(seen + " " + log);""");
    }

    @Test
    void returnFromInsideAsyncForClosesTheGenerator() throws Throwable {
        assertShape("found 4 [closed:3]", COUNTDOWN + """
                    @Async static Coroutine<String> find() {
                        for (int x : Await.each(countdown(5))) {
                            if (x == 4) return Coroutine.of("found " + x);
                        }
                        return Coroutine.of("none");
                    }
                """, FIND_THEN_LOG);
    }

    /** Inserting the close before the return must not make the body's own branches look like exits. */
    @Test
    void returnAndBranchesToTheEndOfTheSameBody() throws Throwable {
        assertShape("6 [closed:0]", COUNTDOWN + """
                    @Async static Coroutine<Integer> evens() {
                        int sum = 0;
                        for (int x : Await.each(countdown(5))) {
                            if (x == 0) return Coroutine.of(-1);
                            if (x % 2 == 0) sum += x;
                        }
                        return Coroutine.of(sum);
                    }
                """, "log.clear(); int r = Await.on(evens()); return Coroutine.of(r + \" \" + log);");
    }

    /** javac copies the enclosing finally in front of the return; the loop is left (the generator closed) before it runs. */
    @Test
    void returnFromAsyncForInsideTryFinallyClosesBeforeTheFinally() throws Throwable {
        assertShape("found 4 [closed:3, finally]", COUNTDOWN + """
                    @Async static Coroutine<String> find() {
                        try {
                            for (int x : Await.each(countdown(5))) {
                                if (x == 4) return Coroutine.of("found " + x);
                            }
                            return Coroutine.of("none");
                        } finally {
                            log.add(Await.on(v("finally")));
                        }
                    }
                """, FIND_THEN_LOG);
    }

    @Test
    void breakOfAnOuterLoopThroughTryFinallyClosesBeforeTheFinally() throws Throwable {
        assertShape("[closed:1, finally]", COUNTDOWN, """
                log.clear();
                outer:
                while (true) {
                    try {
                        for (int x : Await.each(countdown(3))) {
                            if (x == 2) break outer;
                        }
                    } finally {
                        log.add(Await.on(v("finally")));
                    }
                }
                return Coroutine.of(log.toString());""");
    }

    @Test
    void returnFromNestedAsyncForLoopsClosesInnerThenOuter() throws Throwable {
        assertShape("2.1 [closed:0, closed:1]", COUNTDOWN + """
                    @Async static Coroutine<String> find() {
                        for (int a : Await.each(countdown(2))) {
                            for (int b : Await.each(countdown(a))) {
                                if (b == 1) return Coroutine.of(a + "." + b);
                            }
                        }
                        return Coroutine.of("none");
                    }
                """, FIND_THEN_LOG);
    }

    /** Each generator is closed where its loop is left: the inner one before the finally between the loops, the outer one after. */
    @Test
    void breakOutOfNestedAsyncForLoopsWithAFinallyBetweenThem() throws Throwable {
        assertShape("[closed:0, finally, closed:1]", COUNTDOWN, """
                log.clear();
                outer:
                for (int a : Await.each(countdown(2))) {
                    try {
                        for (int b : Await.each(countdown(2))) {
                            if (b == 1) break outer;
                        }
                    } finally {
                        log.add(Await.on(v("finally")));
                    }
                }
                return Coroutine.of(log.toString());""");
    }

    @Test
    void exceptionInAsyncForBodyClosesTheGeneratorAndPropagates() throws Throwable {
        assertShape("boom at 4 [closed:3]", COUNTDOWN, """
                log.clear();
                try {
                    for (int x : Await.each(countdown(5))) {
                        if (x == 4) throw new IllegalStateException("boom at " + x);
                    }
                    return Coroutine.of("no exception");
                } catch (IllegalStateException e) {
                    return Coroutine.of(e.getMessage() + " " + log);
                }""");
    }

    @Test
    void continueOfOuterLoopClosesInnerGenerator() throws Throwable {
        assertShape("2:[3, 2] [closed:0, closed:0]", COUNTDOWN, """
                log.clear();
                List<Integer> seen = new ArrayList<>();
                int rounds = 0;
                outer:
                for (int round = 0; round < 2; round++) {
                    rounds++;
                    for (int x : Await.each(countdown(3))) {
                        if (x == 1) continue outer;
                        if (round == 0) seen.add(x);
                    }
                }
                return Coroutine.of(rounds + ":" + seen + " " + log);""");
    }

    @Test
    void exceptionInsideGeneratorReachesConsumer() throws Throwable {
        assertShape("got 1 then bad", """
                    @Async static AsyncGenerator<Integer> broken() {
                        Await.yield(Await.on(v(1)));
                        Await.on(fail(new IllegalArgumentException("bad")));
                        return AsyncGenerator.end();
                    }""", """
                String r = "";
                try {
                    for (int x : Await.each(broken())) r += "got " + x;
                } catch (IllegalArgumentException e) {
                    r += " then " + e.getMessage();
                }
                return Coroutine.of(r);""");
    }

    @Test
    void acloseRunsFinallyThatAwaits() throws Throwable {
        assertShape("3 [closed:2]", COUNTDOWN, """
                log.clear();
                AsyncGenerator<Integer> g = countdown(3);
                Await.on(g.hasNext());
                int first = g.next();
                Await.on(g.aclose());
                return Coroutine.of(first + " " + log);""");
    }

    @Test
    void nestedAsyncForLoops() throws Throwable {
        assertShape(List.of("2.2", "2.1", "1.2", "1.1"), COUNTDOWN, """
                List<String> out = new ArrayList<>();
                for (int a : Await.each(countdown(2)))
                    for (int b : Await.each(countdown(2)))
                        out.add(a + "." + b);
                return Coroutine.of(out);""");
    }

    private static final String RESOURCE = """
                static List<String> events = new ArrayList<>();
                static final class Res implements AsyncCloseable {
                    final String name; final boolean failClose;
                    Res(String name, boolean failClose) { this.name = name; this.failClose = failClose; }
                    public Coroutine<Void> aclose() { return closeIt(this); }
                }
                @Async static Coroutine<Void> closeIt(Res r) {
                    Await.on(v(0));
                    events.add("close " + r.name);
                    if (r.failClose) throw new IllegalStateException("close failed " + r.name);
                    return Coroutine.done();
                }
            """;

    @Test
    void tryWithResourcesAwaitsAclose() throws Throwable {
        assertShape("[body a, body b, close b, close a]", RESOURCE, """
                events.clear();
                try (var a = new Res("a", false); var b = new Res("b", false)) {
                    events.add("body " + Await.on(v(a.name)));
                    events.add("body " + b.name);
                }
                return Coroutine.of(events.toString());""");
    }

    @Test
    void tryWithResourcesClosesWhenBodyThrowsAndKeepsBodyException() throws Throwable {
        assertShape("body failed [close failed r] [close r]", RESOURCE, """
                events.clear();
                try {
                    try (var r = new Res("r", true)) {
                        Await.on(fail(new IllegalStateException("body failed")));
                    }
                    return Coroutine.of("no exception");
                } catch (IllegalStateException e) {
                    List<String> suppressed = new ArrayList<>();
                    for (Throwable s : e.getSuppressed()) suppressed.add(s.getMessage());
                    return Coroutine.of(e.getMessage() + " " + suppressed + " " + events);
                }""");
    }

    @Test
    void tryWithResourcesPropagatesCloseFailure() throws Throwable {
        assertShape("close failed r", RESOURCE, """
                try {
                    try (var r = new Res("r", true)) {
                        Await.on(v(1));
                    }
                    return Coroutine.of("no exception");
                } catch (IllegalStateException e) {
                    return Coroutine.of(e.getMessage());
                }""");
    }

    @Test
    void returnFromAsyncForInsideTryWithResourcesClosesTheGeneratorFirst() throws Throwable {
        assertShape("4 [closed:3, close r]", COUNTDOWN + """
                    static final class Logged implements AsyncCloseable {
                        public Coroutine<Void> aclose() { log.add("close r"); return Coroutine.done(); }
                    }
                    @Async static Coroutine<Integer> find() {
                        try (var r = new Logged()) {
                            for (int x : Await.each(countdown(5))) {
                                if (x == 4) return Coroutine.of(x + Await.on(v(0)));
                            }
                            return Coroutine.of(-1);
                        }
                    }
                """, "log.clear(); int r = Await.on(find()); return Coroutine.of(r + \" \" + log);");
    }

    /** The resource's failing close, copied in front of the return, is not caught by the loop's own close handler. */
    @Test
    void closeFailureOnReturnFromAsyncForIsThrownOnceAndClosesOnce() throws Throwable {
        assertShape("close failed r [close r] [closed:3]", COUNTDOWN + RESOURCE + """
                    @Async static Coroutine<Integer> find() {
                        try (var r = new Res("r", true)) {
                            for (int x : Await.each(countdown(5))) {
                                if (x == 4) return Coroutine.of(x);
                            }
                            return Coroutine.of(-1);
                        }
                    }
                """, """
                log.clear();
                events.clear();
                try {
                    return Coroutine.of("no exception " + Await.on(find()));
                } catch (IllegalStateException e) {
                    return Coroutine.of(e.getMessage() + " " + events + " " + log);
                }""");
    }

    @Test
    void tryWithResourcesInALoopClosesOnContinueAndBreak() throws Throwable {
        assertShape("[body 0, close r0, close r1, body 2, close r2, close r3]", RESOURCE, """
                events.clear();
                for (int i = 0; i < 5; i++) {
                    try (var r = new Res("r" + i, false)) {
                        if (i == 1) continue;
                        if (i == 3) break;
                        events.add("body " + Await.on(v(i)));
                    }
                }
                return Coroutine.of(events.toString());""");
    }

    @Test
    void nullResourceIsNotClosed() throws Throwable {
        assertShape("[body]", RESOURCE, """
                events.clear();
                try (Res r = null) {
                    events.add(Await.on(v("body")));
                }
                return Coroutine.of(events.toString());""");
    }

    @Test
    void tryWithResourcesWithCatchAndFinallyClausesClosesFirst() throws Throwable {
        assertShape("[close r, catch x after [close r], finally]", RESOURCE, """
                events.clear();
                try (var r = new Res("r", false)) {
                    Await.on(fail(new IllegalStateException("x")));
                } catch (IllegalStateException e) {
                    events.add("catch " + e.getMessage() + " after " + events);
                } finally {
                    events.add(Await.on(v("finally")));
                }
                return Coroutine.of(events.toString());""");
    }

    @Test
    void existingVariableAsResource() throws Throwable {
        assertShape("[body, close r]", RESOURCE, """
                events.clear();
                Res r = new Res("r", false);
                try (r) {
                    events.add(Await.on(v("body")));
                }
                return Coroutine.of(events.toString());""");
    }

    @Test
    void tryWithResourcesClosesOnReturn() throws Throwable {
        assertShape("7 [close r]", RESOURCE + """
                    @Async static Coroutine<Integer> use() {
                        try (var r = new Res("r", false)) {
                            return Coroutine.of(Await.on(v(7)));
                        }
                    }
                """, "events.clear(); int x = Await.on(use()); return Coroutine.of(x + \" \" + events);");
    }

    @Test
    void asyncForWhoseBodyAlwaysBreaksClosesTheGenerator() throws Throwable {
        // javac emits no back edge for this loop: the break falls through to the loop's end.
        assertShape("5 [closed:4]", COUNTDOWN, """
                log.clear();
                int first = -1;
                for (int x : Await.each(countdown(5))) {
                    first = x;
                    break;
                }
                return Coroutine.of(first + " " + log);""");
    }

    @Test
    void lambdaWhoseOnlyAsyncCodeIsTryWithResourcesIsWoven() throws Throwable {
        assertShape("[body, close r]", RESOURCE + """
                    static java.util.function.Supplier<Coroutine<String>> scoped() {
                        return () -> {
                            try (var r = new Res("r", false)) {
                                events.add("body");
                            }
                            return Coroutine.of(events.toString());
                        };
                    }
                """, """
                events.clear();
                return Coroutine.of(Await.on(scoped().get()));""");
    }
}
