package dev.weft.examples;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import java.util.List;

/**
 * Hello, gather: two greetings sleeping 0.4 s and 0.2 s run concurrently, so the whole program
 * takes about 0.4 s — the longest delay, not the sum.
 */
public final class Hello {
    private Hello() {
    }

    @Async
    static Coroutine<String> greet(String name, double delay) {
        Await.on(Asyncio.sleep(delay));
        System.out.println("  Hello, " + name + "!");
        return Coroutine.of("greeted " + name);
    }

    @Async
    public static Coroutine<Double> main() {
        double start = Asyncio.getRunningLoop().time();
        List<String> results = Await.on(Asyncio.gather(greet("Alice", 0.4), greet("Bob", 0.2)));
        double elapsed = Asyncio.getRunningLoop().time() - start;
        System.out.printf("  %s in %.2f s (delays 0.4 s and 0.2 s ran concurrently)%n", results, elapsed);
        return Coroutine.of(elapsed);
    }
}
