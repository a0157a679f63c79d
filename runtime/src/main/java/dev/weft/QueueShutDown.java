package dev.weft;

/** Thrown by a {@link Queue}'s operations once it is shut down (see {@link Queue#shutdown(boolean)}): Python's {@code asyncio.QueueShutDown}. */
public class QueueShutDown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception saying what happened. */
    public QueueShutDown(String message) {
        super(message);
    }
}
