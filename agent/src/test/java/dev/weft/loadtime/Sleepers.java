package dev.weft.loadtime;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import java.util.List;

/** Plain compiled code, woven only by the agent: a parent awaiting a sleep and two children. */
final class Sleepers {
    private Sleepers() {
    }

    @Async
    static Coroutine<Integer> sumOfChildren() {
        Await.on(Asyncio.sleep(0.001));
        List<Integer> children = Await.on(Asyncio.gather(child(1, 0.02), child(2, 0.01)));
        return Coroutine.of(children.get(0) + children.get(1));
    }

    @Async
    static Coroutine<Integer> child(int value, double delay) {
        Await.on(Asyncio.sleep(delay));
        return Coroutine.of(value * 10);
    }
}
