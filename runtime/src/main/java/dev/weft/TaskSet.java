package dev.weft;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The sets of {@link Wait.Result}: distinct tasks in the order given. Until something asks more
 * of it than iterating or counting, the set is the slice of an array that the wait already has,
 * not a hashed copy of it (a {@code LinkedHashSet} costs some 50 bytes per task); the first
 * lookup or change copies it into a {@code LinkedHashSet} and works on that.
 *
 * @param <T> the tasks' result type
 */
final class TaskSet<T> extends AbstractSet<Task<T>> {
    private Task<T>[] tasks;
    private int size;
    private Set<Task<T>> hashed;

    /** Takes over {@code tasks}, which must be distinct; it clears the slots of removed tasks. */
    TaskSet(Task<T>[] tasks) {
        this.tasks = tasks;
        this.size = tasks.length;
    }

    private Set<Task<T>> hashed() {
        if (hashed == null) {
            hashed = new LinkedHashSet<>(this);
            tasks = null;
        }
        return hashed;
    }

    @Override
    public int size() {
        return hashed != null ? hashed.size() : size;
    }

    @Override
    public Iterator<Task<T>> iterator() {
        if (hashed != null) {
            return hashed.iterator();
        }
        return new Iterator<>() {
            private int next = skipRemoved(0);
            private int last = -1;

            private int skipRemoved(int from) {
                int i = from;
                while (i < tasks.length && tasks[i] == null) {
                    i++;
                }
                return i;
            }

            @Override
            public boolean hasNext() {
                return hashed == null ? next < tasks.length : fail();
            }

            @Override
            public Task<T> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                last = next;
                next = skipRemoved(next + 1);
                return tasks[last];
            }

            @Override
            public void remove() {
                if (last < 0 || tasks[last] == null) {
                    throw new IllegalStateException("remove() needs a next() first, once per element");
                }
                tasks[last] = null;
                size--;
            }

            private boolean fail() {
                throw new java.util.ConcurrentModificationException("the set changed while it was being iterated");
            }
        };
    }

    @Override
    public boolean contains(Object o) {
        return hashed().contains(o);
    }

    @Override
    public boolean add(Task<T> task) {
        return hashed().add(task);
    }

    @Override
    public boolean remove(Object o) {
        return hashed().remove(o);
    }

    @Override
    public void clear() {
        hashed().clear();
    }
}
