package dev.weft;

import java.util.List;

/**
 * A wait on several children — a gather, a {@code TaskGroup}'s exit, a {@code wait} — as the task
 * dump sees it, so that it can draw those children below the task awaiting them, as
 * {@code python -m asyncio pstree} does.
 */
interface FanIn {
    /** The children awaited, in the order given; some may be done already. */
    List<? extends BaseFuture<?, ?>> children();

    /** How the dump names the wait: {@code "gather"}, {@code "TaskGroup"}, ... */
    String kind();
}
