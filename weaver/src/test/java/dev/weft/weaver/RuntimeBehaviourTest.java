package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What woven code promises beyond computing the right values. */
class RuntimeBehaviourTest {

    @Test
    void callingAnAsyncMethodRunsNoneOfItsBody() throws Throwable {
        Woven w = Shapes.compile("""
                    static int runs;
                    @Async static Coroutine<Integer> counted() { runs++; return Coroutine.of(Await.on(v(runs))); }
                    public static Object probe() { Coroutine<Integer> c = counted(); return runs + "/" + Asyncio.run(c) + "/" + runs; }
                """, "return Coroutine.done();");
        assertEquals("0/1/1", w.call("demo.Shape", "probe"));
    }

    @Test
    void awaitingACoroutineTwiceThrows() throws Throwable {
        Woven w = Shapes.compile("@Async static Coroutine<Integer> one() { return Coroutine.of(Await.on(v(1))); }", """
                Coroutine<Integer> c = one();
                Await.on(c);
                try { Await.on(c); } catch (IllegalStateException e) { return Coroutine.of(e.getMessage()); }
                return Coroutine.of("no error");""");
        assertTrue(String.valueOf(w.call("demo.Shape", "run")).contains("already awaited or scheduled"));
    }

    /**
     * {@code for (...) total += Await.on(v(i));}: the frame's fields are written only when an await
     * really suspends, so a loop of ready awaits costs what a loop of plain calls does.
     */
    @Test
    void anAwaitWhoseValueIsReadyWritesNothingToTheFrame() throws Throwable {
        Woven w = Shapes.compile("""
                    @Async static Coroutine<Long> sum(int n) {
                        long total = 0;
                        for (int i = 0; i < n; i++) { total += Await.on(v(i)); }
                        return Coroutine.of(total);
                    }
                    public static Object frame() { return sum(4); }
                """, "return Coroutine.done();");
        for (Values.Mode mode : Values.Mode.values()) {
            Values.mode(mode);
            try {
                Coroutine<?> frame = (Coroutine<?>) w.call("demo.Shape", "frame");
                assertEquals(6L, Asyncio.run(frame));
                Map<String, Object> written = new TreeMap<>();
                for (Field field : frame.getClass().getDeclaredFields()) {
                    field.setAccessible(true);
                    Object value = field.get(frame);
                    if (value != null && !value.equals(0) && !value.equals(0L)) {
                        written.put(field.getName(), value);
                    }
                }
                if (mode == Values.Mode.IMMEDIATE) {
                    // n, the only value set before the body ran (it is the frame's argument)
                    assertEquals(1, written.size(), () -> "fields written: " + written);
                } else {
                    assertTrue(written.containsKey(Names.LABEL_FIELD), () -> "fields written: " + written);
                    assertTrue(written.size() >= 3, () -> "fields written: " + written);
                }
            } finally {
                Values.mode(Values.Mode.IMMEDIATE);
            }
        }
    }

    /** {@code descend(int depth)}: a parameter the body never assigns lives only in its parameter field. */
    @Test
    void unassignedParametersAreNotSpilledAgain() throws Throwable {
        Woven w = Shapes.compile("""
                    @Async static Coroutine<Integer> descend(int depth) {
                        if (depth == 0) { return Coroutine.of(Await.on(v(0))); }
                        return Coroutine.of(Await.on(descend(depth - 1)) + 1);
                    }
                    public static Object frame() { return descend(3); }
                """, "return Coroutine.done();");
        Coroutine<?> frame = (Coroutine<?>) w.call("demo.Shape", "frame");
        List<String> fields = new ArrayList<>();
        for (Field field : frame.getClass().getDeclaredFields()) {
            fields.add(field.getName());
        }
        fields.sort(null);
        assertEquals(List.of("label", "p0"), fields);
        assertEquals(3, Asyncio.run(frame));
    }

    @Test
    void exceptionsKeepIdentityAcrossFrames() throws Throwable {
        for (Values.Mode mode : Values.Mode.values()) {
            Values.mode(mode);
            Woven w = Shapes.compile("""
                        static final RuntimeException BOOM = new RuntimeException("boom");
                        @Async static Coroutine<Integer> deep(int n) {
                            if (n == 0) { Await.on(v(0)); throw BOOM; }
                            return Coroutine.of(Await.on(deep(n - 1)));
                        }
                        public static Object same() {
                            try { Asyncio.run(deep(5)); return false; } catch (RuntimeException e) { return e == BOOM; }
                        }
                    """, "return Coroutine.done();");
            assertEquals(true, w.call("demo.Shape", "same"), "mode " + mode);
        }
        Values.mode(Values.Mode.IMMEDIATE);
    }

    @Test
    void stackTracesNameTheSourceFileAndLine() throws Throwable {
        Values.mode(Values.Mode.SUSPENDING);
        try {
            Woven w = Woven.source("demo/Lines.java", """
                    package demo;
                    import dev.weft.*;
                    import static dev.weft.weaver.Values.*;
                    public class Lines {
                        @Async static Coroutine<Integer> fails() {
                            Await.on(v(1));
                            int[] a = new int[1];
                            return Coroutine.of(a[Await.on(v(5))]);
                        }
                        public static Object run() {
                            try { Asyncio.run(fails()); return null; } catch (ArrayIndexOutOfBoundsException e) { return e; }
                        }
                    }
                    """);
            Throwable t = (Throwable) w.call("demo.Lines", "run");
            StackTraceElement top = t.getStackTrace()[0];
            assertEquals("Lines.java", top.getFileName());
            assertEquals(8, top.getLineNumber(), () -> Arrays.toString(t.getStackTrace()));
            assertEquals("demo.Lines", top.getClassName());
        } finally {
            Values.mode(Values.Mode.IMMEDIATE);
        }
    }

    @Test
    void millionDeepChainOfSynchronousCompletionsDoesNotOverflow() throws Throwable {
        Woven w = Shapes.compile("""
                    @Async static Coroutine<Integer> depth(int n) {
                        if (n == 0) return Coroutine.of(0);
                        return Coroutine.of(Await.on(depth(n - 1)) + 1);
                    }""", "return Coroutine.of(Await.on(depth(1_000_000)));");
        assertEquals(1_000_000, w.call("demo.Shape", "run"));
    }

    @Test
    void tenThousandDeepChainOfSuspendedFramesResumesWithoutOverflow() throws Throwable {
        Woven w = Shapes.compile("""
                    @Async static Coroutine<Integer> depth(int n) {
                        if (n == 0) { Await.on(Asyncio.sleep(0.001)); return Coroutine.of(0); }
                        int below = Await.on(depth(n - 1));
                        Await.on(Asyncio.sleep(0));
                        return Coroutine.of(below + 1);
                    }""", "return Coroutine.of(Await.on(depth(10_000)));");
        assertEquals(10_000, w.call("demo.Shape", "run"));
    }

    @Test
    void completionStageResumesOnTheLoopThread() throws Throwable {
        Values.mode(Values.Mode.SUSPENDING);
        try {
            Woven w = Shapes.compile("", """
                    Thread loop = Thread.currentThread();
                    String v = Await.on(CompletableFuture.supplyAsync(() -> Thread.currentThread().getName()));
                    return Coroutine.of(Thread.currentThread() == loop && !v.equals(loop.getName()));""");
            assertEquals(true, w.call("demo.Shape", "run"));
        } finally {
            Values.mode(Values.Mode.IMMEDIATE);
        }
    }

    @Test
    void failedStageRethrowsItsOriginalException() throws Throwable {
        Woven w = Shapes.compile("static final java.io.IOException E = new java.io.IOException(\"io\");", """
                CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> { throw new CompletionException(E); });
                try { Await.on(f); return Coroutine.of("no error"); } catch (Exception e) { return Coroutine.of(e == E); }""");
        assertEquals(true, w.call("demo.Shape", "run"));
    }

    @Test
    void awaitInUnwovenCodeExplainsHowToEnableThePlugin() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Await.on(Coroutine.of(1)));
        assertTrue(e.getMessage().contains("weft-maven-plugin"), e.getMessage());
    }

    @Test
    void asyncRunRethrowsCheckedExceptionsUnwrapped() throws Throwable {
        Woven w = Shapes.compile("""
                    @Async static Coroutine<Integer> io() throws java.io.IOException { Await.on(v(0)); throw new java.io.IOException("disk"); }
                    public static Object probe() { try { Asyncio.run(io()); return "none"; } catch (Exception e) { return e.getClass().getSimpleName() + ":" + e.getMessage(); } }
                """, "return Coroutine.done();");
        assertEquals("IOException:disk", w.call("demo.Shape", "probe"));
    }
}
