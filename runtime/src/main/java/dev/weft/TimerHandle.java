package dev.weft;

/**
 * A callback scheduled for a point in loop time: Python's {@code asyncio.TimerHandle}.
 *
 * <pre>{@code
 * TimerHandle h = loop.callLater(5.0, () -> System.out.println("late"));
 * h.cancel();   // it will not run
 * }</pre>
 */
public final class TimerHandle implements Comparable<TimerHandle> {
    /**
     * The loop time at which the callback is due; set when the handle is scheduled. Until then (a
     * {@link Sleep}'s handle before its first step) it holds the delay, so that a sleep keeps no
     * field of its own for it.
     */
    double when;
    long sequence;
    final Runnable callback;
    private boolean cancelled;
    /** Whether the loop's timer heap still holds this handle (only then does a cancel leave garbage there). */
    boolean inHeap;
    /** Set when scheduled. */
    private EventLoop loop;

    /** A handle not yet scheduled; {@code when} is its delay until {@link EventLoop#schedule} makes it a loop time. */
    TimerHandle(double when, Runnable callback) {
        this.when = when;
        this.callback = callback;
    }

    /** Called by {@link EventLoop#schedule}. */
    void scheduled(EventLoop loop, double when, long sequence) {
        this.loop = loop;
        this.when = when;
        this.sequence = sequence;
        this.inHeap = true;
    }

    /** Python's {@code when()}: the loop time at which the callback is due. */
    public double when() {
        return when;
    }

    /** Python's {@code cancel()}: the callback will not run. Cancelling twice is harmless. */
    public void cancel() {
        if (loop != null) {
            loop.checkThread("TimerHandle.cancel");
        }
        if (!cancelled) {
            cancelled = true;
            if (inHeap) {
                loop.timerCancelled();
            }
        }
    }

    /** Python's {@code cancelled()}. */
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public String toString() {
        return "TimerHandle[when=" + when + (cancelled ? ", cancelled" : "") + ", " + callback + "]";
    }

    @Override
    public int compareTo(TimerHandle other) {
        int byTime = Double.compare(when, other.when);
        return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
}
