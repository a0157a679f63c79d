package dev.weft;

/** Thrown by {@link Queue#putNowait} when the queue has no free slot: Python's {@code asyncio.QueueFull}. */
public class QueueFull extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception saying what happened. */
    public QueueFull(String message) {
        super(message);
    }
}
