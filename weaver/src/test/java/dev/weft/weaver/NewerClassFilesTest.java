package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Class files of the running JDK's own version (69 on JDK 25) weave, verify and run: the weaver
 * reads what newer compilers write, not only {@code --release 17}. The CI runs this suite on JDK 25.
 */
class NewerClassFilesTest {

    @ParameterizedTest
    @EnumSource(Values.Mode.class)
    void sourceCompiledForTheRunningJdkWeavesAndRuns(Values.Mode mode) throws Throwable {
        int release = Runtime.version().feature();
        Woven w = Woven.source("demo/Newest.java", """
                package demo;
                import dev.weft.*;
                import static dev.weft.weaver.Values.*;
                public class Newest {
                    sealed interface Shape permits Square, Circle {}
                    record Square(int side) implements Shape {}
                    record Circle(int radius) implements Shape {}
                    @Async static Coroutine<String> describe(Shape shape) {
                        String kind = shape instanceof Square s ? "square " + Await.on(v(s.side() * s.side()))
                                : shape instanceof Circle c ? "circle " + Await.on(v(c.radius())) : "other";
                        return Coroutine.of(kind);
                    }
                    public static Object run() {
                        return Asyncio.run(describe(new Square(3))) + ", " + Asyncio.run(describe(new Circle(2)));
                    }
                }
                """, release);
        Values.mode(mode);
        try {
            assertEquals("square 9, circle 2", w.call("demo.Newest", "run"));
        } finally {
            Values.mode(Values.Mode.IMMEDIATE);
        }
    }
}
