package dev.weft;

/** When {@link Asyncio#wait} returns: Python's {@code FIRST_COMPLETED}, {@code FIRST_EXCEPTION}, {@code ALL_COMPLETED}. */
public enum ReturnWhen {
    /** As soon as any task is done (or cancelled). */
    FIRST_COMPLETED,
    /** As soon as any task fails; if none fails, when all are done. Cancellation is not a failure. */
    FIRST_EXCEPTION,
    /** When every task is done. */
    ALL_COMPLETED
}
