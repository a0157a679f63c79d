package dev.weft;

import java.util.ArrayDeque;
import java.util.concurrent.Flow;

/**
 * The {@link AsyncIterable} of {@link AsyncIterable#from(Flow.Publisher)}: each iterator is one
 * subscription. Every subscriber signal hops to the loop first, so the iterator's state is only
 * touched on the loop's thread.
 */
final class PublisherIterable<T> implements AsyncIterable<T> {
    static final int DEFAULT_BATCH = 16;

    private final Flow.Publisher<? extends T> publisher;
    private final int batch;

    PublisherIterable(Flow.Publisher<? extends T> publisher, int batch) {
        if (publisher == null) {
            throw new NullPointerException("AsyncIterable.from(null): pass a Flow.Publisher");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, not " + batch);
        }
        this.publisher = publisher;
        this.batch = batch;
    }

    @Override
    public AsyncIterator<T> iterator() {
        return new Subscription<>(publisher, batch, Asyncio.getRunningLoop());
    }

    /** One subscription, consumed as an async iterator. */
    private static final class Subscription<T> implements AsyncIterator<T>, AsyncCloseable, Flow.Subscriber<T> {
        private final Flow.Publisher<? extends T> publisher;
        private final int batch;
        private final EventLoop loop;
        private final ArrayDeque<T> buffer = new ArrayDeque<>();
        private Flow.Subscription subscription;
        private boolean subscribed;
        /** Items requested and not yet received. */
        private long outstanding;
        private boolean completed;
        private Throwable error;
        private boolean closed;
        /** The pending {@code hasNext()}, woken by the next signal. */
        private Waiting<Boolean> waiter;
        private T current;
        /** {@link #current} was fetched and {@link #next()} has not taken it yet: {@code hasNext()} must not move on. */
        private boolean holdsCurrent;

        Subscription(Flow.Publisher<? extends T> publisher, int batch, EventLoop loop) {
            this.publisher = publisher;
            this.batch = batch;
            this.loop = loop;
        }

        @Override
        public Coroutine<Boolean> hasNext() {
            return new Waiting<>() {
                /** None: the subscription's signals wake the one pending hasNext() through {@code waiter}. */
                @Override
                WaiterQueue queue() {
                    return null;
                }

                @Override
                Object begin() {
                    if (waiter != null) {
                        throw new IllegalStateException("this publisher iterator is already waiting for an item:"
                                + " it cannot be iterated by two consumers at once");
                    }
                    return advance(this);
                }

                @Override
                Object woken(Object value) {
                    waiter = null;
                    return advance(this);
                }

                @Override
                void abandon(Object wokenWith, Throwable cancelled) {
                    waiter = null; // received items stay buffered for the next hasNext()
                }
            };
        }

        private Object advance(Waiting<Boolean> frame) {
            if (holdsCurrent) {
                return Boolean.TRUE;
            }
            if (!buffer.isEmpty()) {
                current = buffer.poll();
                holdsCurrent = true;
                return Boolean.TRUE;
            }
            if (error != null) {
                throw Exceptions.sneaky(error);
            }
            if (completed || closed) {
                return Boolean.FALSE;
            }
            if (!subscribed) {
                subscribed = true;
                publisher.subscribe(this);
            } else if (subscription != null && outstanding == 0) {
                requestBatch();
            }
            waiter = frame;
            return frame.suspend();
        }

        private void requestBatch() {
            outstanding = batch;
            subscription.request(batch);
        }

        @Override
        public T next() {
            holdsCurrent = false;
            return current;
        }

        /** Cancels the subscription: the loop that iterates it ended early. */
        @Override
        public Coroutine<Void> aclose() {
            if (!closed) {
                closed = true;
                holdsCurrent = false;
                buffer.clear();
                if (subscription != null && !completed && error == null) {
                    subscription.cancel();
                }
                wake();
            }
            return Coroutine.done();
        }

        private void wake() {
            if (waiter != null && waiter.isPending()) {
                waiter.wakeUp(Boolean.TRUE);
            }
        }

        /** Runs {@code signal} on the loop; a signal arriving after the loop closed has nobody to reach. */
        private void onLoop(Runnable signal) {
            try {
                loop.callSoonThreadsafe(signal);
            } catch (IllegalStateException loopClosed) {
                // the consumer is gone with its loop; nothing left to deliver to
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            onLoop(() -> {
                if (subscription != null || closed) {
                    s.cancel(); // a second subscription, or the loop already ended: reactive-streams rule 2.5
                    return;
                }
                subscription = s;
                requestBatch();
            });
        }

        @Override
        public void onNext(T item) {
            onLoop(() -> {
                if (closed) {
                    return;
                }
                outstanding--;
                buffer.add(item);
                wake();
            });
        }

        @Override
        public void onError(Throwable failure) {
            onLoop(() -> {
                error = failure;
                wake();
            });
        }

        @Override
        public void onComplete() {
            onLoop(() -> {
                completed = true;
                wake();
            });
        }
    }
}
