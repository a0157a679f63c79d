package dev.weft.loadtime;

import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import java.util.function.Supplier;

/** An async lambda in an ordinary method: the lambda body is what gets woven. */
final class Lambdas {
    private Lambdas() {
    }

    static Coroutine<String> greeting(String name) {
        Supplier<Coroutine<String>> body = () -> {
            Await.on(Asyncio.sleep(0.001));
            return Coroutine.of("hello " + name);
        };
        return body.get();
    }
}
