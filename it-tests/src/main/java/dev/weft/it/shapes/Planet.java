package dev.weft.it.shapes;

import dev.weft.Async;
import dev.weft.Await;
import dev.weft.Coroutine;

/** An enum with a coroutine on the enum itself and one overridden in a constant's body (an anonymous subclass). */
public enum Planet {
    MERCURY(1),
    EARTH(3) {
        @Override
        @Async
        public Coroutine<String> describe(Mode m) {
            return Coroutine.of("home, " + Await.on(super.describe(m)));
        }
    };

    private final int order;

    Planet(int order) {
        this.order = order;
    }

    @Async
    public Coroutine<String> describe(Mode m) {
        return Coroutine.of(name().toLowerCase() + " #" + Await.on(m.value(order)));
    }
}
