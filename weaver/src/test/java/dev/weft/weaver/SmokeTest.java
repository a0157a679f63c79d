package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void awaitsAChildAndASleep() throws Throwable {
        Woven w = Woven.source("demo/Smoke.java", """
                package demo;
                import dev.weft.*;
                public class Smoke {
                    @Async static Coroutine<Integer> child(int x) {
                        Await.on(Asyncio.sleep(0));
                        return Coroutine.of(x + 1);
                    }
                    @Async static Coroutine<String> main() {
                        long big = 10_000_000_000L;
                        double d = 1.5;
                        int a = Await.on(child(1));
                        String s = "v" + a + Await.on(child(a)) + big + d;
                        return Coroutine.of(s);
                    }
                    public static Object run() { return Asyncio.run(main()); }
                }
                """);
        assertEquals("v23100000000001.5", w.call("demo.Smoke", "run"));
    }
}
