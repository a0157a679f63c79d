package dev.weft.weaver;

import static dev.weft.weaver.Shapes.assertShape;

import org.junit.jupiter.api.Test;

/**
 * {@code return work();} inside a {@code try} awaits {@code work()} before the block's exits run
 * (Python's {@code return await work()}); outside any {@code try} it stays a tail await.
 */
class ReturnInsideTryTest {
    private static final String MEMBERS = """
                static List<String> log = new ArrayList<>();
                @Async static Coroutine<Object> work() {
                    log.add("work");
                    Await.on(v(0));
                    log.add("worked");
                    return Coroutine.of("r");
                }
                @Async static Coroutine<Object> boom() {
                    Await.on(v(0));
                    throw new IllegalStateException("boom");
                }
                static final class Resource implements AsyncCloseable {
                    @Override public Coroutine<Void> aclose() {
                        log.add("closed");
                        return Coroutine.done();
                    }
                }
            """;

    /** Runs {@code f} (declared with {@link #MEMBERS}) with a cleared log: its result, a space, then the log. */
    private static void assertResultThenLog(String expected, String f) throws Throwable {
        assertShape(expected, MEMBERS + f, """
                log.clear();
                Object r = Await.on(f());
                return Coroutine.of(r + " " + log);""");
    }

    @Test
    void returnInsideTryFinallyRunsTheCoroutineBeforeTheFinallyBlock() throws Throwable {
        assertResultThenLog("r [work, worked, finally]", """
                    @Async static Coroutine<Object> f() {
                        try {
                            return work();
                        } finally {
                            log.add("finally");
                        }
                    }
                """);
    }

    @Test
    void returnInsideAsyncWithRunsTheCoroutineBeforeTheResourceCloses() throws Throwable {
        assertResultThenLog("r [work, worked, closed]", """
                    @Async static Coroutine<Object> f() {
                        try (var resource = new Resource()) {
                            return work();
                        }
                    }
                """);
    }

    @Test
    void catchClauseSeesTheFailureOfTheReturnedCoroutine() throws Throwable {
        assertShape("caught boom", MEMBERS + """
                    @Async static Coroutine<Object> f() {
                        try {
                            return boom();
                        } catch (IllegalStateException e) {
                            return Coroutine.of("caught " + e.getMessage());
                        }
                    }
                """, """
                return f();""");
    }

    @Test
    void returnInsideACatchClauseIsAwaitedBeforeTheOuterFinally() throws Throwable {
        assertResultThenLog("r [work, worked, finally]", """
                    @Async static Coroutine<Object> f() {
                        try {
                            try {
                                return boom();
                            } catch (IllegalStateException e) {
                                return work();
                            }
                        } finally {
                            log.add("finally");
                        }
                    }
                """);
    }

    @Test
    void coroutineKeptInAVariableAndReturnedAfterTheTryIsATailAwait() throws Throwable {
        assertResultThenLog("r [in try, finally, work, worked]", """
                    @Async static Coroutine<Object> f() {
                        Coroutine<Object> c;
                        try {
                            c = work();
                            log.add("in try");
                        } finally {
                            log.add("finally");
                        }
                        return c;
                    }
                """);
    }
}
