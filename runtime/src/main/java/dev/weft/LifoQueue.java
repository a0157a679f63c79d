package dev.weft;

import java.util.ArrayDeque;
import java.util.Collections;

/**
 * A last-in, first-out {@link Queue}: Python's {@code asyncio.LifoQueue}. {@code get} returns the
 * most recently added item.
 *
 * <pre>{@code
 * LifoQueue<Integer> stack = new LifoQueue<>(0);
 * stack.putNowait(1);
 * stack.putNowait(2);
 * Await.on(stack.get());   // 2
 * }</pre>
 *
 * @param <T> the type of the items
 */
public final class LifoQueue<T> extends Queue<T> {
    /** A stack holding at most {@code maxsize} items; 0 or less means unbounded. */
    public LifoQueue(int maxsize) {
        super(maxsize, Collections.asLifoQueue(new ArrayDeque<>()));
    }

    /** An unbounded stack. */
    public LifoQueue() {
        this(0);
    }
}
