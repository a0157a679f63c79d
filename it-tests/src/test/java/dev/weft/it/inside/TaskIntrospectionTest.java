package dev.weft.it.inside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Task;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Task.getStack / printStack and the task dumps: what a suspended task waits on, by source line. */
// Without WeftExtension: debug mode adds "debug" and creation sites to the task dumps whose plain form these tests check.
class TaskIntrospectionTest {
    private static final String FILE = "Chain.java";

    private static StackTraceElement at(String method, int line) {
        return new StackTraceElement(Chain.class.getName(), method, FILE, line);
    }

    /** Mirrors test_tasks.BaseTaskTests.test_get_stack: the suspended chain, innermost first, with source names and lines. */
    @Test
    @Async
    void getStackListsTheSuspendedAwaitChainInnermostFirst() {
        Chain chain = new Chain();
        Task<String> task = Asyncio.createTask(chain.outer(), "chain");
        Await.on(Asyncio.sleep(0));
        assertEquals(List.of(at("inner", chain.innerLine), at("middle", chain.middleLine), at("outer", chain.outerLine)),
                task.getStack());
        chain.release.set();
        assertEquals("outer:middle:inner", Await.on(task));
        assertEquals(List.of(), task.getStack(), "a done task has no stack");
    }

    @Async
    static Coroutine<Void> firstLineIs(int[] line) {
        line[0] = Lines.here();
        return Coroutine.done();
    }

    /** A task that has not run yet waits at its coroutine's first line. */
    @Test
    @Async
    void aTaskNotStartedYetStandsAtItsFirstLine() {
        int[] line = new int[1];
        Task<Void> task = Asyncio.createTask(firstLineIs(line));
        List<StackTraceElement> before = task.getStack();
        Await.on(task);
        assertEquals(List.of(new StackTraceElement(TaskIntrospectionTest.class.getName(), "firstLineIs",
                "TaskIntrospectionTest.java", line[0])), before);
    }

    /** Mirrors test_tasks.BaseTaskTests.test_print_stack: the header names the task, then one "at" line per frame. */
    @Test
    @Async
    void printStackPrintsTheChain() {
        Chain chain = new Chain();
        Task<String> task = Asyncio.createTask(chain.outer(), "printed");
        Await.on(Asyncio.sleep(0));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        task.printStack(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split(System.lineSeparator());
        assertTrue(lines[0].startsWith("Stack for Task[printed]"), lines[0]);
        assertEquals("\tat " + at("inner", chain.innerLine), lines[1]);
        assertEquals("\tat " + at("middle", chain.middleLine), lines[2]);
        assertEquals("\tat " + at("outer", chain.outerLine), lines[3]);
        assertEquals(4, lines.length);
        chain.release.set();
        Await.on(task);
    }

    @Async
    static Coroutine<String> parent(Chain a, Chain b, int[] line) {
        Task<String> first = Asyncio.createTask(a.outer(), "first");
        Task<String> second = Asyncio.createTask(b.outer(), "second");
        line[0] = Lines.here(); List<String> both = Await.on(Asyncio.gather(first, second));
        return Coroutine.of(String.join(",", both));
    }

    /** Mirrors the spirit of Python 3.14's test_pstree: each task, what it awaits, and the tree of who awaits whom. */
    @Test
    @Async
    void dumpTasksDrawsWhoAwaitsWhom() {
        Chain a = new Chain();
        Chain b = new Chain();
        int[] parentLine = new int[1];
        Task<String> main = Asyncio.createTask(parent(a, b, parentLine), "parent");
        Await.on(Asyncio.sleep(0));
        Await.on(Asyncio.sleep(0));
        String dump = Asyncio.dumpTasks();
        assertTrue(dump.startsWith("Event loop on thread \"" + Thread.currentThread().getName() + "\" (running): 4 tasks"), dump);
        assertTrue(dump.contains("parent (waiting) " + TaskIntrospectionTest.class.getName() + ".parent"), dump);
        assertTrue(dump.contains("    awaits gather of 2 unfinished tasks"), dump);
        assertTrue(dump.contains("first (waiting) " + Chain.class.getName() + ".outer"), dump);
        assertTrue(dump.contains("    awaits Event"), dump);
        assertTrue(dump.contains("        at " + at("inner", a.innerLine)), dump);
        String tree = dump.substring(dump.indexOf("Who awaits whom:"));
        String chainClass = Chain.class.getName();
        String expected = String.join(System.lineSeparator(),
                "Who awaits whom:",
                "├── (T) Task-1",
                "└── (T) parent",
                "    └── " + TaskIntrospectionTest.class.getName() + ".parent TaskIntrospectionTest.java:" + parentLine[0],
                "        ├── (T) first",
                "        │   └── " + chainClass + ".outer Chain.java:" + a.outerLine,
                "        │       └── " + chainClass + ".middle Chain.java:" + a.middleLine,
                "        │           └── " + chainClass + ".inner Chain.java:" + a.innerLine,
                "        └── (T) second",
                "            └── " + chainClass + ".outer Chain.java:" + b.outerLine,
                "                └── " + chainClass + ".middle Chain.java:" + b.middleLine,
                "                    └── " + chainClass + ".inner Chain.java:" + b.innerLine,
                "");
        assertTrue(tree.startsWith(String.join(System.lineSeparator(), "Who awaits whom:", "├── (T) Task-")), tree);
        assertEquals(expected.substring(expected.indexOf("└── (T) parent")), tree.substring(tree.indexOf("└── (T) parent")));
        a.release.set();
        b.release.set();
        assertEquals("outer:middle:inner,outer:middle:inner", Await.on(main));
    }

    /** From another thread, the dump is taken on the loop's thread between two steps. */
    @Test
    void dumpTasksFromAnotherThread() throws Exception {
        Chain chain = new Chain();
        AtomicReference<EventLoop> running = new AtomicReference<>();
        CountDownLatch suspended = new CountDownLatch(1);
        Thread loopThread = new Thread(() -> Asyncio.run(Bodies.coroutine(() -> {
            running.set(Asyncio.getRunningLoop());
            Task<String> task = Asyncio.createTask(chain.outer(), "watched");
            Await.on(Asyncio.sleep(0));
            suspended.countDown();
            Await.on(task);
            return Coroutine.done();
        })), "dumped-loop");
        loopThread.start();
        assertTrue(suspended.await(10, TimeUnit.SECONDS));
        EventLoop loop = running.get();
        String dump = loop.dumpTasks();
        loop.callSoonThreadsafe(chain.release::set);
        loopThread.join(10_000);
        assertTrue(dump.startsWith("Event loop on thread \"dumped-loop\" (running): 2 tasks"), dump);
        assertTrue(dump.contains("watched (waiting) " + Chain.class.getName() + ".outer"), dump);
        assertTrue(dump.contains("        at " + at("inner", chain.innerLine)), dump);
        assertTrue(loop.isClosed());
        assertEquals("Event loop (closed): 0 tasks" + System.lineSeparator(), loop.dumpTasks());
    }

    /** A loop held by one step cannot answer: the dump says so and shows where the loop's thread is. */
    @Test
    void dumpTasksOfAStuckLoopShowsWhereItsThreadIs() throws Exception {
        AtomicReference<EventLoop> running = new AtomicReference<>();
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread loopThread = new Thread(() -> Asyncio.run(Bodies.coroutine(() -> {
            Await.on(Asyncio.sleep(0));
            running.set(Asyncio.getRunningLoop());
            stuck.countDown();
            release.await(); // blocks the loop, as a forgotten blocking call would
            return Coroutine.done();
        })), "stuck-loop");
        loopThread.start();
        assertTrue(stuck.await(10, TimeUnit.SECONDS));
        String dump = running.get().dumpTasks();
        release.countDown();
        loopThread.join(10_000);
        assertTrue(dump.startsWith("Event loop on thread \"stuck-loop\" (running) did not answer within 2 s: one step holds it."), dump);
        assertTrue(dump.contains("java.util.concurrent.CountDownLatch.await("), dump);
    }
}
