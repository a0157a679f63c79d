package dev.weft.loadtime;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;

/** A whole program, run in a JVM of its own under the agent: a coroutine awaiting a sleep and a child. */
public final class StartupProgram {
    private StartupProgram() {
    }

    @Async
    static Coroutine<Integer> twice(int n) {
        Await.on(Asyncio.sleep(0.001));
        return Coroutine.of(2 * Await.on(Sleepers.child(n, 0)));
    }

    public static void main(String[] args) {
        System.out.println("result=" + Asyncio.run(twice(2)));
    }
}
