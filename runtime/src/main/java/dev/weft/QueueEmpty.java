package dev.weft;

/** Thrown by {@link Queue#getNowait()} when the queue has no item: Python's {@code asyncio.QueueEmpty}. */
public class QueueEmpty extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception saying what happened. */
    public QueueEmpty(String message) {
        super(message);
    }
}
