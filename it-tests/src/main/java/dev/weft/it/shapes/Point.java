package dev.weft.it.shapes;

import dev.weft.Async;
import dev.weft.Await;
import dev.weft.Coroutine;

/** A record whose coroutine reads its components and builds a new record. */
public record Point(double x, double y) {
    @Async
    public Coroutine<Point> movedBy(Mode m, Point delta) {
        return Coroutine.of(new Point(x + Await.on(m.value(delta.x())), y() + Await.on(m.value(delta.y))));
    }
}
