package dev.weft.it.inside;

import dev.weft.Async;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.Event;

/**
 * A three-deep await chain, {@code outer -> middle -> inner}, whose innermost coroutine waits for
 * an event: each records the line of its {@code Await.on} as it reaches it.
 */
final class Chain {
    final Event release = new Event();
    int outerLine;
    int middleLine;
    int innerLine;

    @Async
    Coroutine<String> outer() {
        String s = "outer:"; outerLine = Lines.here(); s += Await.on(middle());
        return Coroutine.of(s);
    }

    @Async
    Coroutine<String> middle() {
        middleLine = Lines.here(); String s = Await.on(inner());
        return Coroutine.of("middle:" + s);
    }

    @Async
    Coroutine<String> inner() {
        innerLine = Lines.here(); Await.on(release.await());
        return Coroutine.of("inner");
    }
}
