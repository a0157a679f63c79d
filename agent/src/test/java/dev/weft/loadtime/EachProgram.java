package dev.weft.loadtime;

import dev.weft.Async;
import dev.weft.AsyncGenerator;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;

/** A whole program, run in a JVM of its own under the agent: an async generator consumed with Await.each. */
public final class EachProgram {
    private EachProgram() {
    }

    @Async
    static AsyncGenerator<Integer> upTo(int n) {
        for (int i = 1; i <= n; i++) {
            Await.on(Asyncio.sleep(0));
            Await.yield(i);
        }
        return AsyncGenerator.end();
    }

    @Async
    static Coroutine<Integer> sum(int n) {
        int total = 0;
        for (int x : Await.each(upTo(n))) {
            total += x;
        }
        return Coroutine.of(total);
    }

    public static void main(String[] args) {
        System.out.println("sum=" + Asyncio.run(sum(4)));
    }
}
