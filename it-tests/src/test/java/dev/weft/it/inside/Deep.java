package dev.weft.it.inside;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;

/**
 * The example: an exception thrown three coroutines deep after a real suspension. Each
 * level records the line of its {@code Await.on} (or of its {@code throw}) as it reaches it.
 */
final class Deep {
    int level1Line;
    int level2Line;
    int level3Line;

    @Async
    Coroutine<Integer> level1(int n) {
        level1Line = Lines.here(); int r = Await.on(level2(n));
        return Coroutine.of(r);
    }

    @Async
    Coroutine<Integer> level2(int n) {
        level2Line = Lines.here(); int r = Await.on(level3(n * 2));
        return Coroutine.of(r + 1);
    }

    @Async
    Coroutine<Integer> level3(int n) {
        Await.on(Asyncio.sleep(0));
        level3Line = Lines.here(); throw new IllegalArgumentException("level3 rejected " + n);
    }

    StackTraceElement level1() {
        return at("level1", level1Line);
    }

    StackTraceElement level2() {
        return at("level2", level2Line);
    }

    StackTraceElement level3() {
        return at("level3", level3Line);
    }

    private static StackTraceElement at(String method, int line) {
        return new StackTraceElement(Deep.class.getName(), method, "Deep.java", line);
    }
}
