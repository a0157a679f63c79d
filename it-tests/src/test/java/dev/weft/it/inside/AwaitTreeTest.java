package dev.weft.it.inside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.Task;
import dev.weft.TaskGroup;
import dev.weft.test.WeftExtension;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The task dump's tree of who awaits whom through the fan-outs other than gather: a task leaving a
 * {@code TaskGroup} block and a task in {@code Asyncio.wait} have their children drawn below them,
 * as Python 3.14's {@code pstree} draws a task group's children below its owner.
 */
@ExtendWith(WeftExtension.class)
class AwaitTreeTest {
    private static final String NL = System.lineSeparator();

    @Async
    static Coroutine<Void> ownsAGroup(Chain a, Chain b) {
        try (var group = new TaskGroup()) {
            group.createTask(a.outer(), "first");
            group.createTask(b.outer(), "second");
        }
        return Coroutine.done();
    }

    @Async
    static Coroutine<Void> waitsForBoth(Chain a, Chain b) {
        Task<String> first = Asyncio.createTask(a.outer(), "first");
        Task<String> second = Asyncio.createTask(b.outer(), "second");
        Await.on(Asyncio.wait(List.of(first, second)));
        return Coroutine.done();
    }

    /** The tree from the line "(T) owner" on; the children must be indented below it. */
    private static String subtree(String dump) {
        String tree = dump.substring(dump.indexOf("Who awaits whom:"));
        return tree.substring(tree.indexOf("└── (T) owner"));
    }

    /** Asserts that {@code first} and {@code second}, each with its three frames, hang below the owner's own frame. */
    private static void assertChildrenBelowOwner(String subtree) {
        String[] lines = subtree.split(NL);
        assertTrue(lines[1].matches(" {4}└── dev\\.weft\\.it\\.inside\\.AwaitTreeTest\\.\\w+ AwaitTreeTest\\.java:\\d+"), subtree);
        assertEquals("        ├── (T) first", lines[2], subtree);
        assertTrue(lines[3].startsWith("        │   └── " + Chain.class.getName() + ".outer"), subtree);
        assertEquals(6, List.of(lines).indexOf("        └── (T) second"), subtree);
        assertEquals(10, lines.length, subtree);
    }

    /**
     * Starts {@code owner} over two chains, lets every task reach its wait, and checks the dump:
     * the owner awaits {@code awaits} and its two children hang below it.
     */
    @Async
    static Coroutine<Void> assertOwnerAwaitsBoth(BiFunction<Chain, Chain, Coroutine<Void>> owner, String awaits) {
        Chain a = new Chain();
        Chain b = new Chain();
        Task<Void> task = Asyncio.createTask(owner.apply(a, b), "owner");
        Await.on(Asyncio.sleep(0));
        Await.on(Asyncio.sleep(0));
        String dump = Asyncio.dumpTasks();
        assertTrue(dump.contains("    awaits " + awaits + " of 2 unfinished tasks"), dump);
        assertChildrenBelowOwner(subtree(dump));
        a.release.set();
        b.release.set();
        Await.on(task);
        return Coroutine.done();
    }

    @Test
    @Async
    void aTaskLeavingATaskGroupAwaitsItsChildren() {
        Await.on(assertOwnerAwaitsBoth(AwaitTreeTest::ownsAGroup, "TaskGroup"));
    }

    @Test
    @Async
    void aTaskInWaitAwaitsItsTasks() {
        Await.on(assertOwnerAwaitsBoth(AwaitTreeTest::waitsForBoth, "wait"));
    }
}
