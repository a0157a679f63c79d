package dev.weft;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The async generators a loop has seen start and not yet finish: the weak set that
 * {@link EventLoop#shutdownAsyncgens()} closes (CPython's {@code loop._asyncgens}).
 *
 * <p>An array of weak entries, each knowing its slot: a generator's start appends its entry and
 * its finish moves the last entry into the freed slot, so neither hashes nor searches, and a
 * generator nobody references can still be collected. The entries of collected generators are
 * removed at the next start. Used on the loop's thread only.
 */
final class StartedGenerators {
    private static final Entry[] NONE = new Entry[0];

    private final ReferenceQueue<AsyncGenerator<?>> collected = new ReferenceQueue<>();
    private Entry[] entries = NONE;
    private int size;

    /** Tracks {@code generator} until its entry is {@linkplain Entry#remove() removed}. */
    Entry add(AsyncGenerator<?> generator) {
        for (Object gone; (gone = collected.poll()) != null; ) {
            remove((Entry) gone);
        }
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, Math.max(8, size * 2));
        }
        Entry entry = new Entry(generator, this, size);
        entries[size++] = entry;
        return entry;
    }

    /** The generators still tracked and not collected; none are tracked afterwards. */
    List<AsyncGenerator<?>> takeAll() {
        List<AsyncGenerator<?>> live = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Entry entry = entries[i];
            entries[i] = null;
            entry.slot = -1;
            AsyncGenerator<?> generator = entry.get();
            if (generator != null) {
                live.add(generator);
            }
        }
        size = 0;
        return live;
    }

    private void remove(Entry entry) {
        int slot = entry.slot;
        if (slot < 0) {
            return;
        }
        Entry last = entries[--size];
        entries[slot] = last;
        last.slot = slot;
        entries[size] = null;
        entry.slot = -1;
    }

    /** One tracked generator, held weakly. */
    static final class Entry extends WeakReference<AsyncGenerator<?>> {
        private final StartedGenerators owner;
        /** Its index in {@code entries}, or -1 once it is no longer tracked. */
        private int slot;

        private Entry(AsyncGenerator<?> generator, StartedGenerators owner, int slot) {
            super(generator, owner.collected);
            this.owner = owner;
            this.slot = slot;
        }

        /** The generator finished: stop tracking it. Harmless if it was already taken or removed. */
        void remove() {
            owner.remove(this);
        }
    }
}
