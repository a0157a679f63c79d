package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Asyncio;
import dev.weft.Coroutine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random bodies, each woven and run with ready and with suspending awaitables, must
 * return (or throw) exactly what the same body returns when run as plain Java.
 *
 * <p>Body {@code n} is generated from seed {@code weft.differential.seed + n}; how many bodies run
 * is {@code -Dweft.differential.bodies} (a long run: {@code -Dweft.differential.bodies=100000}).
 * Every other class of 100 bodies is woven with the spill code shared between suspension points
 * that large methods get, so both layouts meet every shape.
 */
class DifferentialTest {
    private static final int METHODS_PER_CLASS = 100;
    private static final long BASE_SEED = Long.getLong("weft.differential.seed", 20261122L);
    private static final int BODIES = Integer.getInteger("weft.differential.bodies", 2000);

    @Test
    void wovenBodiesBehaveLikeTheirSynchronousReading() throws Throwable {
        System.out.println("DifferentialTest: " + BODIES + " bodies, seeds " + BASE_SEED + ".." + (BASE_SEED + BODIES - 1)
                + ", each run with ready and with suspending awaitables");
        int values = 0;
        int failures = 0;
        for (int first = 0; first < BODIES; first += METHODS_PER_CLASS) {
            int methods = Math.min(METHODS_PER_CLASS, BODIES - first);
            String name = "Random" + first / METHODS_PER_CLASS;
            List<Body> bodies = new ArrayList<>();
            for (int m = 0; m < methods; m++) {
                long seed = BASE_SEED + first + m;
                bodies.add(async -> RandomBodies.body(seed, async));
            }
            boolean shared = (first / METHODS_PER_CLASS) % 2 == 1;
            Class<?> type = weave(name, bodies, shared);
            for (int m = 0; m < methods; m++) {
                long seed = BASE_SEED + first + m;
                // The same body alone, in a class woven the same way.
                String rerun = "seed " + seed + (shared ? " with shared spills (rerun with -Dweft.differential.seed="
                        + (seed - METHODS_PER_CLASS) + " -Dweft.differential.bodies=" + (METHODS_PER_CLASS + 1)
                        : " (rerun with -Dweft.differential.seed=" + seed + " -Dweft.differential.bodies=1") + ")";
                for (Values.Mode mode : Values.Mode.values()) {
                    if (compare(type, m, mode, rerun, bodies.get(m)).startsWith("value")) {
                        values++;
                    } else {
                        failures++;
                    }
                }
            }
        }
        // Guards the generator itself: both outcomes must be common, or the comparison proves little.
        int runs = values + failures;
        System.out.println("DifferentialTest: " + runs + " runs, " + values + " returned a value, " + failures + " threw");
        assertTrue(runs < 200 || values > runs / 5 && failures > runs / 20,
                values + " runs returned a value and " + failures + " threw: the generated bodies are too uniform");
    }

    /**
     * Weaves class {@code demo.name}; with {@code shared}, every method saves and reloads its
     * values through the shared blocks that otherwise only large methods use.
     */
    private static Class<?> weave(String name, List<Body> bodies, boolean shared) {
        StateMachine.sharedAbove = shared ? 0 : StateMachine.SHARED_ABOVE;
        try {
            return Woven.source("demo/" + name + ".java", source(name, bodies)).load("demo." + name);
        } finally {
            StateMachine.sharedAbove = StateMachine.SHARED_ABOVE;
        }
    }

    /** One generated body, in its async reading or its plain one. */
    interface Body {
        String text(boolean async);
    }

    /**
     * Runs body {@code m} of {@code type} both ways in {@code mode} and returns the (equal)
     * outcome; {@code what} names the body in a failure.
     */
    static String compare(Class<?> type, int m, Values.Mode mode, String what, Body body) throws NoSuchMethodException {
        Values.mode(mode);
        try {
            String expected = outcome(() -> type.getMethod("p" + m, int.class).invoke(null, m));
            Method async = type.getMethod("w" + m, int.class);
            String actual = outcome(() -> Asyncio.run((Coroutine<?>) async.invoke(null, m)));
            assertEquals(expected, actual, () -> what + ", mode " + mode + ", body:\n" + body.text(true));
            return actual;
        } finally {
            Values.mode(Values.Mode.IMMEDIATE);
        }
    }

    /** Class {@code demo.name} with, for each body {@code m}, its async reading {@code w<m>} and its plain one {@code p<m>}. */
    static String source(String name, List<Body> bodies) {
        StringBuilder s = new StringBuilder("""
                package demo;
                import dev.weft.*;
                import java.util.*;
                import static dev.weft.weaver.Values.*;
                public class %s {
                    static <T> T id(T x) { return x; }
                    @Async static Coroutine<Integer> wi(int x) { Await.on(v(0)); return Coroutine.of(x); }
                    @Async static Coroutine<Long> wl(long x) { Await.on(v(0)); return Coroutine.of(x); }
                """.formatted(name));
        for (int m = 0; m < bodies.size(); m++) {
            s.append("    @Async public static Coroutine<String> w").append(m).append("(int p) {\n")
                    .append(bodies.get(m).text(true)).append("    }\n");
            s.append("    public static String p").append(m).append("(int p) {\n")
                    .append(bodies.get(m).text(false)).append("    }\n");
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
