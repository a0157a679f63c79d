package dev.weft;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The async generators a loop has seen start and not yet finish: the weak set that
 * {@link EventLoop#shutdownAsyncgens()} closes (CPython's {@code loop._asyncgens}).
 *
 * <p>A list linked through weak entries, oldest first: a generator's start and finish each cost
 * one link or unlink, with no hashing, and a generator nobody references can still be collected.
 * The entries of collected generators are unlinked at the next start. Used on the loop's thread
 * only.
 */
final class StartedGenerators {
    private final ReferenceQueue<AsyncGenerator<?>> collected = new ReferenceQueue<>();
    private Entry oldest;
    private Entry newest;

    /** Tracks {@code generator} until its entry is {@linkplain Entry#remove() removed}. */
    Entry add(AsyncGenerator<?> generator) {
        for (Object gone; (gone = collected.poll()) != null; ) {
            unlink((Entry) gone);
        }
        Entry entry = new Entry(generator, this);
        entry.older = newest;
        if (newest != null) {
            newest.newer = entry;
        } else {
            oldest = entry;
        }
        newest = entry;
        return entry;
    }

    /** The generators still tracked and not collected, oldest first; none are tracked afterwards. */
    List<AsyncGenerator<?>> takeAll() {
        List<AsyncGenerator<?>> live = new ArrayList<>();
        for (Entry e = oldest; e != null; ) {
            AsyncGenerator<?> generator = e.get();
            if (generator != null) {
                live.add(generator);
            }
            Entry next = e.newer;
            e.detach();
            e = next;
        }
        oldest = null;
        newest = null;
        return live;
    }

    private void unlink(Entry entry) {
        if (!entry.linked) {
            return;
        }
        if (entry.older != null) {
            entry.older.newer = entry.newer;
        } else {
            oldest = entry.newer;
        }
        if (entry.newer != null) {
            entry.newer.older = entry.older;
        } else {
            newest = entry.older;
        }
        entry.detach();
    }

    /** One tracked generator, held weakly. */
    static final class Entry extends WeakReference<AsyncGenerator<?>> {
        private final StartedGenerators owner;
        private Entry older;
        private Entry newer;
        private boolean linked = true;

        private Entry(AsyncGenerator<?> generator, StartedGenerators owner) {
            super(generator, owner.collected);
            this.owner = owner;
        }

        /** The generator finished: stop tracking it. Harmless if it was already taken or unlinked. */
        void remove() {
            owner.unlink(this);
        }

        private void detach() {
            linked = false;
            older = null;
            newer = null;
        }
    }
}
