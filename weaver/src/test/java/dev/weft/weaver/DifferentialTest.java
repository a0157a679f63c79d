package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Asyncio;
import dev.weft.Coroutine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random bodies, each woven and run with ready and with suspending awaitables, must
 * return (or throw) exactly what the same body returns when run as plain Java.
 */
class DifferentialTest {
    private static final int CLASSES = 20;
    private static final int METHODS_PER_CLASS = 100;
    private static final long BASE_SEED = Long.getLong("weft.differential.seed", 20261122L);

    @Test
    void wovenBodiesBehaveLikeTheirSynchronousReading() throws Throwable {
        int values = 0;
        int failures = 0;
        for (int c = 0; c < CLASSES; c++) {
            Woven woven = Woven.source("demo/Random" + c + ".java", source(c));
            Class<?> type = woven.load("demo.Random" + c);
            for (int m = 0; m < METHODS_PER_CLASS; m++) {
                for (Values.Mode mode : Values.Mode.values()) {
                    if (compare(type, seed(c, m), m, mode).startsWith("value")) {
                        values++;
                    } else {
                        failures++;
                    }
                }
            }
        }
        // Guards the generator itself: both outcomes must be common, or the comparison proves little.
        int runs = values + failures;
        assertTrue(values > runs / 5 && failures > runs / 20,
                values + " runs returned a value and " + failures + " threw: the generated bodies are too uniform");
    }

    /** Runs body {@code m} both ways and returns the (equal) outcome. */
    private static String compare(Class<?> type, long seed, int m, Values.Mode mode) throws NoSuchMethodException {
        Values.mode(mode);
        try {
            String expected = outcome(() -> type.getMethod("p" + m, int.class).invoke(null, m));
            Method async = type.getMethod("w" + m, int.class);
            String actual = outcome(() -> Asyncio.run((Coroutine<?>) async.invoke(null, m)));
            assertEquals(expected, actual, () -> "seed " + seed + " (mode " + mode + ", rerun with -Dweft.differential.seed="
                    + BASE_SEED + ") body:\n" + RandomBodies.body(seed, true));
            return actual;
        } finally {
            Values.mode(Values.Mode.IMMEDIATE);
        }
    }

    private static long seed(int c, int m) {
        return BASE_SEED * 31 + c * 1000L + m;
    }

    private static String source(int c) {
        StringBuilder s = new StringBuilder("""
                package demo;
                import dev.weft.*;
                import java.util.*;
                import static dev.weft.weaver.Values.*;
                public class Random%d {
                    static <T> T id(T x) { return x; }
                    @Async static Coroutine<Integer> wi(int x) { Await.on(v(0)); return Coroutine.of(x); }
                    @Async static Coroutine<Long> wl(long x) { Await.on(v(0)); return Coroutine.of(x); }
                """.formatted(c));
        for (int m = 0; m < METHODS_PER_CLASS; m++) {
            long seed = seed(c, m);
            s.append("    @Async public static Coroutine<String> w").append(m).append("(int p) {\n")
                    .append(RandomBodies.body(seed, true)).append("    }\n");
            s.append("    public static String p").append(m).append("(int p) {\n")
                    .append(RandomBodies.body(seed, false)).append("    }\n");
        }
        return s.append("}\n").toString();
    }

    private interface Call {
        Object call() throws Throwable;
    }

    /** The value, or the escaping exception's class and message. */
    private static String outcome(Call call) {
        try {
            return "value " + call.call();
        } catch (InvocationTargetException e) {
            return thrown(e.getCause());
        } catch (Throwable t) {
            return thrown(t);
        }
    }

    private static String thrown(Throwable t) {
        return "threw " + t.getClass().getName() + ": " + Objects.toString(t.getMessage());
    }

}
