package dev.weft;

import java.util.ArrayList;
import java.util.List;

/**
 * A loop's unfinished tasks, oldest first: what {@link Asyncio#allTasks()} reports and what
 * {@link Asyncio#run} cancels on the way out (CPython's {@code _scheduled_tasks} and
 * {@code _eager_tasks} sets).
 *
 * <p>A doubly linked list threaded through the tasks themselves ({@link Task#olderTask},
 * {@link Task#newerTask}): registering and unregistering a task neither hashes nor allocates and
 * costs two references per task, where a set would cost an entry object and a hash per task.
 * Used on the loop's thread only.
 */
final class TaskRegistry {
    private Task<?> oldest;
    private Task<?> newest;
    private int size;

    /** {@code task} was created and is not done: track it as the newest. */
    void add(Task<?> task) {
        task.olderTask = newest;
        if (newest != null) {
            newest.newerTask = task;
        } else {
            oldest = task;
        }
        newest = task;
        size++;
    }

    /** {@code task} is done: stop tracking it. Harmless if it is not tracked. */
    void remove(Task<?> task) {
        if (task.olderTask == null && oldest != task) {
            return;
        }
        Task<?> older = task.olderTask;
        Task<?> newer = task.newerTask;
        if (older != null) {
            older.newerTask = newer;
        } else {
            oldest = newer;
        }
        if (newer != null) {
            newer.olderTask = older;
        } else {
            newest = older;
        }
        task.olderTask = null;
        task.newerTask = null;
        size--;
    }

    /** How many tasks are tracked. */
    int size() {
        return size;
    }

    /** A snapshot of the tracked tasks, oldest first; later changes do not affect it. */
    List<Task<?>> snapshot() {
        List<Task<?>> snapshot = new ArrayList<>(size);
        for (Task<?> t = oldest; t != null; t = t.newerTask) {
            snapshot.add(t);
        }
        return snapshot;
    }
}
