package dev.weft.it.inside;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;

/**
 * The program {@link DebuggerTest} debugs: a coroutine awaiting one that returns without
 * suspending, and one that catches what it throws. The test finds its lines by the markers in the
 * comments.
 */
public final class Stepping {
    private Stepping() {
    }

    @Async
    static Coroutine<Integer> child(int x) {
        int doubled = x * 2; // @child-first
        return Coroutine.of(doubled + 1); // @child-return
    }

    @Async
    static Coroutine<Integer> parent() {
        int a = 20; // @parent-first
        int b = Await.on(child(a)); // @parent-await
        int c = a + b; // @parent-next
        Await.on(Asyncio.sleep(0)); // @parent-sleep
        return Coroutine.of(c); // @parent-return
    }

    @Async
    static Coroutine<Integer> recover(int x) {
        int attempt = x + 1; // @recover-first
        try {
            throw new IllegalStateException("refused " + attempt); // @recover-throw
        } catch (IllegalStateException e) { // @recover-catch
            int length = e.getMessage().length(); // @recover-handled
            return Coroutine.of(length);
        }
    }

    public static void main(String[] args) {
        System.out.println("result " + Asyncio.run(parent()) + " " + Asyncio.run(recover(7)));
    }
}
