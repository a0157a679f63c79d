package dev.weft;

import java.util.Comparator;

/**
 * A {@link Queue} that returns its smallest item first: Python's {@code asyncio.PriorityQueue}.
 * Items are ordered by their natural order ({@link Comparable}) or by a {@link Comparator}; items
 * that compare equal come out in no particular order (use a sequence number to break ties, as in
 * Python).
 *
 * <pre>{@code
 * record Job(int priority, String name) {}
 * PriorityQueue<Job> jobs = new PriorityQueue<>(0, Comparator.comparingInt(Job::priority));
 * jobs.putNowait(new Job(5, "later"));
 * jobs.putNowait(new Job(1, "first"));
 * Await.on(jobs.get());   // Job[priority=1, name=first]
 * }</pre>
 *
 * @param <T> the type of the items
 */
public final class PriorityQueue<T> extends Queue<T> {
    /**
     * A priority queue of {@link Comparable} items holding at most {@code maxsize} of them; 0 or less
     * means unbounded. Adding an item that is not {@code Comparable} throws {@link ClassCastException}.
     */
    public PriorityQueue(int maxsize) {
        super(maxsize, new java.util.PriorityQueue<>());
    }

    /** An unbounded priority queue of {@link Comparable} items. */
    public PriorityQueue() {
        this(0);
    }

    /** A priority queue ordered by {@code order}, holding at most {@code maxsize} items; 0 or less means unbounded. */
    public PriorityQueue(int maxsize, Comparator<? super T> order) {
        super(maxsize, new java.util.PriorityQueue<>(order));
    }
}
