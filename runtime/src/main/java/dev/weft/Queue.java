package dev.weft;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A first-in, first-out queue for coroutines of one event loop: Python's {@code asyncio.Queue}.
 * {@link #put} waits while the queue is full, {@link #get()} while it is empty; {@link #taskDone()}
 * and {@link #join()} let a producer wait until every item has been processed; {@link #shutdown}
 * ends it as in Python 3.13.
 *
 * <pre>{@code
 * Queue<String> jobs = new Queue<>(100);   // asyncio.Queue(maxsize=100); 0 means unbounded
 *
 * // a producer
 * Await.on(jobs.put(url));                 // waits while the queue is full
 * Await.on(jobs.join());                   // waits until every job was marked done
 *
 * // a consumer
 * String url = Await.on(jobs.get());       // waits while the queue is empty
 * Await.on(fetch(url));
 * jobs.taskDone();
 * }</pre>
 *
 * <h2>Fairness and cancellation</h2>
 * Getters and putters are served in the order they started waiting. A {@code put} hands its item
 * straight to the longest-waiting getter; a {@code get} that frees a slot promises it to the
 * longest-waiting putter, so a newcomer cannot take it first ({@link #isFull()} counts promised
 * slots as taken). No item is lost or duplicated by cancellation: a cancelled {@code put} has not
 * added its item, and an item handed to a getter that is cancelled before it runs goes back to the
 * front of the queue (or to the next getter). Only then may the queue briefly hold one item more
 * than {@code maxsize}. Items must not be null.
 *
 * @param <T> the type of the items
 */
public class Queue<T> {
    /** Completes waiters when the queue shuts down, instead of an item or a slot. */
    private static final Object SHUT_DOWN = new Object();
    /** Completes a putter's waiter when a slot is promised to it. */
    private static final Object SLOT = new Object();

    private final int maxsize;
    private final java.util.Queue<T> items;
    private final WaiterQueue getters = new WaiterQueue();
    private final WaiterQueue putters = new WaiterQueue();
    private final WaiterQueue joiners = new WaiterQueue();
    /** Slots promised to woken putters that have not run yet. */
    private int promisedSlots;
    private int unfinished;
    private boolean shutDown;
    private boolean shutDownImmediately;

    /**
     * A queue holding at most {@code maxsize} items; 0 (or less) means unbounded, as in Python.
     */
    public Queue(int maxsize) {
        this(maxsize, new ArrayDeque<>());
    }

    /** An unbounded queue. */
    public Queue() {
        this(0);
    }

    /** For the subclasses, which only change the order items come out in. */
    Queue(int maxsize, java.util.Queue<T> items) {
        this.maxsize = maxsize;
        this.items = items;
    }

    /** Python's {@code maxsize}: the capacity given; 0 or less means unbounded. */
    public int maxsize() {
        return maxsize;
    }

    /** Python's {@code qsize()}: the number of items in the queue. */
    public int size() {
        return items.size();
    }

    /** Python's {@code empty()}. */
    public boolean isEmpty() {
        return items.isEmpty();
    }

    /**
     * Python's {@code full()}: true when a {@code putNowait} now would throw {@link QueueFull}.
     * Slots promised to putters that were woken but have not run yet count as taken.
     */
    public boolean isFull() {
        return maxsize > 0 && items.size() + promisedSlots >= maxsize;
    }

    /**
     * Python's {@code put(item)}: waits for a free slot, then adds {@code item}.
     *
     * @throws QueueShutDown (when awaited) if the queue is or gets shut down
     */
    public Coroutine<Void> put(T item) {
        return new Put(requireItem(item));
    }

    /**
     * Python's {@code get()}: removes and completes with the next item, waiting while the queue is
     * empty. It completes without suspending when an item is there.
     *
     * @throws QueueShutDown (when awaited) if the queue is shut down and empty
     */
    public Coroutine<T> get() {
        return new Get();
    }

    /**
     * Python's {@code put_nowait(item)}.
     *
     * @throws QueueFull if there is no free slot
     * @throws QueueShutDown if the queue is shut down
     */
    public void putNowait(T item) {
        checkThread("Queue.putNowait");
        requireItem(item);
        requireOpen("putNowait");
        if (isFull()) {
            throw new QueueFull("the queue is full (maxsize " + maxsize + "): await put(item) to wait for a slot");
        }
        add(item);
    }

    /**
     * Python's {@code get_nowait()}.
     *
     * @throws QueueEmpty if there is no item
     * @throws QueueShutDown if the queue is shut down and empty
     */
    public T getNowait() {
        checkThread("Queue.getNowait");
        if (items.isEmpty()) {
            if (shutDown) {
                throw shutDownError("getNowait");
            }
            throw new QueueEmpty("the queue is empty: await get() to wait for an item");
        }
        return take();
    }

    /**
     * Python's {@code task_done()}: one item taken from the queue has been processed. When every
     * item put has been processed, {@link #join()} completes.
     *
     * @throws IllegalStateException if called more times than items were put
     */
    public void taskDone() {
        checkThread("Queue.taskDone");
        if (unfinished <= 0) {
            throw new IllegalStateException("taskDone() called more times than there were items put in the queue");
        }
        unfinished--;
        wakeJoinersIfAllDone();
    }

    /** Python's {@code join()}: waits until every item put has been marked with {@link #taskDone()}. */
    public Coroutine<Void> join() {
        return new Waiting<>() {
            @Override
            Object begin() {
                return unfinished == 0 ? null : waitIn(Queue.this);
            }

            @Override
            WaiterQueue queue() {
                return joiners;
            }

            @Override
            Object woken(Object value) {
                return null;
            }
        };
    }

    /**
     * Python 3.13's {@code shutdown(immediate)}: later puts throw {@link QueueShutDown}, and so do
     * waiting ones. Gets still drain the remaining items, then throw; with {@code immediate} the
     * remaining items are dropped at once (each counting as done for {@link #join()}) and waiting
     * gets throw too.
     */
    public void shutdown(boolean immediate) {
        checkThread("Queue.shutdown");
        shutDown = true;
        if (immediate) {
            shutDownImmediately = true;
            while (items.poll() != null) {
                if (unfinished > 0) {
                    unfinished--;
                }
            }
            wakeJoinersIfAllDone();
        }
        getters.wakeAll(SHUT_DOWN);
        putters.wakeAll(SHUT_DOWN);
    }

    /** Python's {@code shutdown()}: {@code shutdown(false)}. */
    public void shutdown() {
        shutdown(false);
    }

    /** Rejects a call from another thread, in debug mode, once any of its waiters bound the queue to a loop. */
    private void checkThread(String what) {
        getters.checkThread(what);
        putters.checkThread(what);
        joiners.checkThread(what);
    }

    /** An item goes in: straight to the longest-waiting getter, else into the queue. */
    /** {@code join()} returns once every item put has been marked done. */
    private void wakeJoinersIfAllDone() {
        if (unfinished == 0) {
            joiners.wakeAll(Boolean.TRUE);
        }
    }

    private void add(T item) {
        if (!getters.wakeNext(item)) {
            items.add(item);
        }
        unfinished++;
    }

    private T take() {
        T item = items.poll();
        promiseSlotToNextPutter();
        return item;
    }

    private void promiseSlotToNextPutter() {
        if (!shutDown && maxsize > 0 && items.size() + promisedSlots < maxsize && putters.wakeNext(SLOT)) {
            promisedSlots++;
        }
    }

    /** An item handed to a getter that was cancelled before it could run: it comes back, first in line. */
    @SuppressWarnings("unchecked")
    private void giveBack(Object item) {
        if (shutDownImmediately) {
            unfinished--; // dropped like the others at shutdown
            wakeJoinersIfAllDone();
        } else if (!getters.wakeNext(item)) {
            if (items instanceof Deque<T> deque) {
                deque.addFirst((T) item);
            } else {
                items.add((T) item);
            }
        }
    }

    private static <T> T requireItem(T item) {
        if (item == null) {
            throw new NullPointerException("a queue item must not be null: wrap absent values in an Optional");
        }
        return item;
    }

    private void requireOpen(String what) {
        if (shutDown) {
            throw shutDownError(what);
        }
    }

    private static QueueShutDown shutDownError(String what) {
        return new QueueShutDown(what + "() on a queue that was shut down");
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(getClass().getSimpleName()).append("[maxsize=").append(maxsize);
        s.append(" size=").append(items.size());
        if (!getters.isEmpty()) {
            s.append(" getters=").append(getters.size());
        }
        if (!putters.isEmpty()) {
            s.append(" putters=").append(putters.size());
        }
        if (unfinished > 0) {
            s.append(" tasks=").append(unfinished);
        }
        if (shutDown) {
            s.append(" shutdown");
        }
        return s.append(']').toString();
    }

    /** The coroutine of {@link #get()}. */
    private final class Get extends Waiting<T> {
        @Override
        WaiterQueue queue() {
            return getters;
        }

        @Override
        Object begin() {
            if (!items.isEmpty()) {
                return take();
            }
            requireOpen("get");
            return waitIn(Queue.this);
        }

        @Override
        Object woken(Object item) {
            if (item == SHUT_DOWN) {
                throw shutDownError("get");
            }
            return item;
        }

        @Override
        void abandon(Object wokenWith, Throwable error) {
            if (wokenWith != null && wokenWith != SHUT_DOWN) {
                giveBack(wokenWith);
            }
        }
    }

    /** The coroutine of {@link #put}. */
    private final class Put extends Waiting<Void> {
        private final T item;

        Put(T item) {
            this.item = item;
        }

        @Override
        WaiterQueue queue() {
            return putters;
        }

        @Override
        Object begin() {
            requireOpen("put");
            if (!isFull()) {
                add(item);
                return null;
            }
            return waitIn(Queue.this);
        }

        @Override
        Object woken(Object outcome) {
            if (outcome == SLOT) {
                promisedSlots--;
            }
            requireOpen("put");
            add(item);
            return null;
        }

        @Override
        void abandon(Object wokenWith, Throwable error) {
            if (wokenWith == SLOT) {
                promisedSlots--;
                promiseSlotToNextPutter(); // the slot promised to us goes to the next putter
            }
        }
    }
}
