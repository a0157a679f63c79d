package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs a snippet of async code woven, once with every awaited value ready and once with every
 * awaited value suspending, and checks both against the expected result.
 */
final class Shapes {
    private Shapes() {
    }

    /**
     * Weaves class {@code demo.Shape} holding {@code members} and
     * {@code @Async static Coroutine<Object> main() { body }}, then checks that
     * {@code Asyncio.run(main())} returns {@code expected} in both modes.
     */
    static Woven assertShape(Object expected, String members, String body) throws Throwable {
        Woven woven = compile(members, body);
        for (Values.Mode mode : Values.Mode.values()) {
            Values.mode(mode);
            try {
                assertEquals(expected, woven.call("demo.Shape", "run"), "mode " + mode);
            } finally {
                Values.mode(Values.Mode.IMMEDIATE);
            }
        }
        return woven;
    }

    static Woven compile(String members, String body) {
        return Woven.source("demo/Shape.java", source(members, body));
    }

    static String source(String members, String body) {
        return """
                package demo;
                import dev.weft.*;
                import java.util.*;
                import java.util.concurrent.*;
                import static dev.weft.weaver.Values.*;
                public class Shape {
                    public static Object run() { return Asyncio.run(main()); }
                %s
                    @Async static Coroutine<Object> main() {
                %s
                    }
                }
                """.formatted(members, body);
    }
}
