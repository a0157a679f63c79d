package dev.weft.it;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;

/** A main-source fixture: proves the {@code weave} goal wove {@code target/classes}. */
public final class Greeter {
    private Greeter() {
    }

    @Async
    public static Coroutine<String> greet(String name, double delay) {
        Await.on(Asyncio.sleep(delay));
        return Coroutine.of("greeted " + name);
    }
}
