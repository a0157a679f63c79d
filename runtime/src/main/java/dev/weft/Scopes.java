package dev.weft;

import java.util.Iterator;

/**
 * What woven code calls for the scope forms of async code: try-with-resources on an
 * {@link AsyncCloseable} (Python's {@code async with}) and {@code Await.each} (Python's
 * {@code async for}). Users never call these directly.
 *
 * @hidden
 */
public final class Scopes {
    private Scopes() {
    }

    /**
     * A scope that wants to see how its body ended, as Python's {@code __aexit__} does (task
     * groups and timeouts).
     */
    interface Exit {
        /**
         * Leaves the scope. With {@code bodyError == null} the coroutine completes with null or
         * fails; otherwise it completes with the exception the block must throw instead.
         */
        Coroutine<Throwable> exit(Throwable bodyError);
    }

    /**
     * The woven {@code close()} of an {@link AsyncCloseable} resource. With {@code bodyError == null}
     * (the block completed) it awaits the close and lets its failure propagate; otherwise it
     * completes with the exception the block must throw (the body's, with a close failure added
     * as suppressed, as Java's try-with-resources does).
     *
     * @hidden
     */
    public static Coroutine<Throwable> $aexit(AsyncCloseable resource, Throwable bodyError) {
        if (resource instanceof Exit scope) {
            return scope.exit(bodyError);
        }
        return new Closing(resource.aclose(), bodyError);
    }

    /**
     * {@code Await.each(iterable)}, woven: the loop's iterator.
     *
     * @hidden
     */
    public static <T> Each<T> $each(AsyncIterable<T> iterable) {
        if (iterable == null) {
            throw new NullPointerException("Await.each(null): there is nothing to iterate");
        }
        return new Each<>(iterable.iterator());
    }

    /**
     * The iterator of a woven {@code async for}: the loop awaits {@link #hasNextAsync()}; leaving
     * the loop early closes the underlying iterator when it is {@link AsyncCloseable}.
     *
     * @hidden
     */
    public static final class Each<T> implements Iterable<T>, Iterator<T>, AsyncCloseable {
        private final AsyncIterator<T> iterator;

        Each(AsyncIterator<T> iterator) {
            this.iterator = iterator;
        }

        /** @hidden */
        public Coroutine<Boolean> hasNextAsync() {
            return iterator.hasNext();
        }

        @Override
        public boolean hasNext() {
            throw Await.notWoven("Await.each");
        }

        @Override
        public T next() {
            return iterator.next();
        }

        @Override
        public Iterator<T> iterator() {
            return this;
        }

        @Override
        public Coroutine<Void> aclose() {
            return iterator instanceof AsyncCloseable closeable ? closeable.aclose() : Coroutine.done();
        }
    }

    /** Awaits a resource's {@code aclose()} on behalf of {@link #$aexit}. */
    private static final class Closing extends Coroutine<Throwable> {
        private final Coroutine<Void> close;
        private final Throwable bodyError;
        private boolean resumed;

        Closing(Coroutine<Void> close, Throwable bodyError) {
            this.close = close;
            this.bodyError = bodyError;
        }

        @Override
        protected Object $step() {
            try {
                if (!resumed) {
                    resumed = true;
                    if ($await(this, close) == $SUSPENDED) {
                        return $SUSPENDED;
                    }
                } else {
                    $resumed(this);
                }
            } catch (Throwable closeFailure) {
                if (bodyError == null) {
                    throw closeFailure;
                }
                if (closeFailure != bodyError) {
                    bodyError.addSuppressed(closeFailure);
                }
            }
            return bodyError;
        }
    }
}
