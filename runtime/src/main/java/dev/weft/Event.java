package dev.weft;

/**
 * A flag coroutines can wait for: Python's {@code asyncio.Event}. {@link #set()} wakes every
 * waiter; {@link #clear()} makes later waiters wait again.
 *
 * <pre>{@code
 * Event ready = new Event();
 * Asyncio.createTask(warmUp(ready));   // calls ready.set() when done
 * Await.on(ready.await());             // await ready.wait()
 * }</pre>
 */
public final class Event {
    private final WaiterQueue waiters = new WaiterQueue();
    private boolean set;

    /** An event that is not set. */
    public Event() {
    }

    /** Python's {@code is_set()}. */
    public boolean isSet() {
        return set;
    }

    /** Python's {@code set()}: sets the flag and wakes every waiter. */
    public void set() {
        waiters.checkThread("Event.set");
        if (!set) {
            set = true;
            waiters.wakeAll(Boolean.TRUE);
        }
    }

    /** Python's {@code clear()}: later {@link #await()}s wait until the next {@link #set()}. */
    public void clear() {
        waiters.checkThread("Event.clear");
        set = false;
    }

    /**
     * Python's {@code wait()}: completes with true once the flag is set (at once if it already is).
     * The name {@code wait} belongs to {@link Object}.
     */
    public Coroutine<Boolean> await() {
        return new Waiting<>() {
            @Override
            Object begin() {
                return set ? Boolean.TRUE : waitIn(Event.this);
            }

            @Override
            WaiterQueue queue() {
                return waiters;
            }

            @Override
            Object woken(Object value) {
                return Boolean.TRUE;
            }
        };
    }

    @Override
    public String toString() {
        return "Event[" + (set ? "set" : "unset") + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]";
    }
}
