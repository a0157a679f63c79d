package dev.weft;

import java.lang.management.ManagementFactory;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Keeps one {@link EventLoopMXBean} registered for each running loop. A loop only reports that it
 * started or stopped running ({@link #changed}); a single background thread brings the platform
 * MBean server in line with how the loop stands by then. So starting a loop costs its thread one
 * hand-over, never the server's start-up, and a loop that starts and stops before the thread gets to
 * it is never registered at all — as with the many short loops of a test suite.
 */
final class LoopBeans {
    /** Off with {@code -Dweft.jmx=false}, and where the runtime image has no {@code java.management}. */
    private static final boolean ENABLED = !"false".equals(System.getProperty("weft.jmx"))
            && ModuleLayer.boot().findModule("java.management").isPresent();
    private static final ThreadPoolExecutor WORKER = ENABLED ? worker() : null;
    /** The bean name of each registered loop; only the worker touches it. */
    private static final Map<EventLoop, ObjectName> REGISTERED = new IdentityHashMap<>();

    private LoopBeans() {
    }

    private static ThreadPoolExecutor worker() {
        ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "weft-jmx");
            t.setDaemon(true);
            return t;
        });
        worker.allowCoreThreadTimeOut(true);
        return worker;
    }

    /** {@code loop} started or stopped running. */
    static void changed(EventLoop loop) {
        if (ENABLED) {
            WORKER.execute(() -> Registrar.sync(loop));
        }
    }

    /** The JMX side, loaded only when enabled. */
    private static final class Registrar {
        private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

        static void sync(EventLoop loop) {
            Thread owner = loop.thread();
            ObjectName registered = REGISTERED.get(loop);
            try {
                if (owner == null && registered != null) {
                    REGISTERED.remove(loop);
                    SERVER.unregisterMBean(registered);
                } else if (owner != null && registered == null) {
                    REGISTERED.put(loop, register(loop, owner.getName()));
                }
            } catch (JMException | RuntimeException e) {
                System.getLogger("dev.weft").log(System.Logger.Level.WARNING, "could not (un)register the JMX bean of event loop " + loop.describe(), e);
            }
        }

        private static ObjectName register(EventLoop loop, String threadName) throws JMException {
            for (int n = 1; ; n++) {
                String name = n == 1 ? threadName : threadName + "#" + n;
                ObjectName objectName = new ObjectName("dev.weft", nameTable(name));
                if (!SERVER.isRegistered(objectName)) {
                    SERVER.registerMBean(new Bean(loop, threadName), objectName);
                    return objectName;
                }
            }
        }

        private static Hashtable<String, String> nameTable(String name) {
            Hashtable<String, String> table = new Hashtable<>();
            table.put("type", "EventLoop");
            table.put("name", needsQuoting(name) ? ObjectName.quote(name) : name);
            return table;
        }

        /** Whether {@code name} holds a character an unquoted ObjectName value may not contain. */
        private static boolean needsQuoting(String name) {
            return name.isEmpty() || name.chars().anyMatch(c -> ",=:\"*?\n".indexOf(c) >= 0);
        }
    }

    /** The bean: stats read in passing, the dump asked of the loop's thread. */
    private record Bean(EventLoop loop, String threadName) implements EventLoopMXBean {
        @Override
        public String getThreadName() {
            return threadName;
        }

        @Override
        public boolean isDebug() {
            return loop.isDebug();
        }

        @Override
        public int getReady() {
            return loop.stats().ready();
        }

        @Override
        public int getTimers() {
            return loop.stats().timers();
        }

        @Override
        public int getCancelledTimers() {
            return loop.stats().cancelledTimers();
        }

        @Override
        public int getTasks() {
            return loop.stats().tasks();
        }

        @Override
        public int getInbox() {
            return loop.stats().inbox();
        }

        @Override
        public int getUnretrieved() {
            return loop.stats().unretrieved();
        }

        @Override
        public String dumpTasks() {
            return loop.dumpTasks();
        }
    }
}
