package dev.weft.weaver;

import static dev.weft.WovenCode.$await;
import static dev.weft.WovenCode.$resumed;

import dev.weft.Asyncio;
import dev.weft.Coroutine;

/** A hand-written coroutine that fails, either at once or after one suspension. */
final class Failing<T> extends Coroutine<T> {
    private final Throwable error;
    private boolean suspend;

    private Failing(Throwable error, boolean suspend) {
        this.error = error;
        this.suspend = suspend;
    }

    static <T> Coroutine<T> now(Throwable error) {
        return new Failing<>(error, false);
    }

    static <T> Coroutine<T> later(Throwable error) {
        return new Failing<>(error, true);
    }

    @Override
    protected Object $step() {
        if (suspend) {
            suspend = false;
            return $await(this, Asyncio.sleep(0));
        }
        $resumed(this);
        throw Failing.<RuntimeException>sneaky(error);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
