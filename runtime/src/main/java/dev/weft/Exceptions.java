package dev.weft;

/** Rethrowing checked exceptions unchanged, as coroutines promise. */
final class Exceptions {
    private Exceptions() {
    }

    /** Throws {@code t} as it is, checked or not; the return type lets callers write {@code throw}. */
    static RuntimeException sneaky(Throwable t) {
        throw Exceptions.<RuntimeException>uncheckedThrow(t);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E uncheckedThrow(Throwable t) throws E {
        throw (E) t;
    }
}
