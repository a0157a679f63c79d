package dev.weft.loadtime;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;

/** A correct @Async method next to a misuse: the whole class must stay unwoven. */
final class Misused {
    /** The line of the {@code Await.on} in a method that is not {@code @Async}. */
    static final int MISUSE_LINE = 24;

    private Misused() {
    }

    @Async
    static Coroutine<Integer> fine() {
        Await.on(Asyncio.sleep(0.001));
        return Coroutine.of(1);
    }

    static int notAsync(Coroutine<Integer> c) {
        // The next line must stay MISUSE_LINE.
        return Await.on(c);
    }
}
