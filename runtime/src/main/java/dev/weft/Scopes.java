package dev.weft;

import static dev.weft.WovenCode.$SUSPENDED;
import static dev.weft.WovenCode.$await;
import static dev.weft.WovenCode.$resumed;

/**
 * The scope form of async code behind {@link WovenCode#$aexit}: leaving the try-with-resources
 * block of an {@link AsyncCloseable} (Python's {@code async with}).
 */
final class Scopes {
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

    /** See {@link WovenCode#$aexit}. */
    static Coroutine<Throwable> exit(AsyncCloseable resource, Throwable bodyError) {
        if (resource instanceof Exit scope) {
            return scope.exit(bodyError);
        }
        return new Closing(resource.aclose(), bodyError);
    }

    /** Awaits a resource's {@code aclose()} on behalf of {@link #exit}. */
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
