package dev.weft.loadtime;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;

/** Throws after resuming, so the exception is created inside the woven state machine. */
final class Failing {
    /** The line of {@code new IllegalArgumentException} below. */
    static final int THROW_LINE = 22;

    static IllegalArgumentException thrown;

    private Failing() {
    }

    @Async
    static Coroutine<Void> failAfterSleep() {
        Await.on(Asyncio.sleep(0.001));
        // The next line must stay THROW_LINE.
        thrown = new IllegalArgumentException("boom");
        throw thrown;
    }
}
