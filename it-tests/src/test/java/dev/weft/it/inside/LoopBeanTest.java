package dev.weft.it.inside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import dev.weft.Task;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The JMX bean of a running loop: dev.weft:type=EventLoop,name=<thread>. */
class LoopBeanTest {
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    /** The bean appears while the loop runs, answers with the loop's figures and dump, and goes once the loop is done. */
    @Test
    void aRunningLoopHasABeanWithItsStatsAndDump() throws Exception {
        ObjectName name = new ObjectName("dev.weft:type=EventLoop,name=jmx-loop");
        Chain chain = new Chain();
        CountDownLatch suspended = new CountDownLatch(1);
        CountDownLatch inspected = new CountDownLatch(1);
        Thread loopThread = new Thread(() -> Asyncio.run(Bodies.coroutine(() -> {
            Task<String> task = Asyncio.createTask(chain.outer(), "observed");
            Await.on(Asyncio.sleep(0));
            suspended.countDown();
            Await.on(Asyncio.toThread(() -> inspected.await(10, TimeUnit.SECONDS)));
            chain.release.set();
            Await.on(task);
            return Coroutine.done();
        })), "jmx-loop");
        loopThread.start();
        try {
            assertTrue(suspended.await(10, TimeUnit.SECONDS));
            assertTrue(eventually(() -> SERVER.isRegistered(name)), "the bean of a running loop is registered");
            assertEquals("jmx-loop", SERVER.getAttribute(name, "ThreadName"));
            assertEquals(2, SERVER.getAttribute(name, "Tasks"));
            assertEquals(false, SERVER.getAttribute(name, "Debug"));
            String dump = (String) SERVER.invoke(name, "dumpTasks", null, null);
            assertTrue(dump.contains("observed (waiting) " + Chain.class.getName() + ".outer"), dump);
            assertTrue(dump.contains("at " + new StackTraceElement(Chain.class.getName(), "inner", "Chain.java", chain.innerLine)), dump);
        } finally {
            inspected.countDown();
            loopThread.join(10_000);
        }
        assertFalse(loopThread.isAlive());
        assertTrue(eventually(() -> !SERVER.isRegistered(name)), "the bean goes once the loop is done");
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }
}
