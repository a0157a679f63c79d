package dev.weft;

/**
 * The JMX view of a running {@link EventLoop}, registered as
 * {@code dev.weft:type=EventLoop,name=<thread name>} while the loop runs, so that {@code jconsole},
 * VisualVM or any JMX client sees into a live process. Not part of asyncio.
 *
 * <pre>{@code
 * MBeanServer server = ManagementFactory.getPlatformMBeanServer();
 * String dump = (String) server.invoke(new ObjectName("dev.weft:type=EventLoop,name=main"),
 *         "dumpTasks", null, null);
 * }</pre>
 *
 * <p>The attributes are the loop's {@link EventLoop#stats()}, read without stopping the loop, so
 * they may be a moment apart from each other. Registration happens on a background thread a moment
 * after the loop starts running, and the bean goes away once the loop stops running; the system
 * property {@code weft.jmx=false} turns it off. Two running loops whose threads share a name are
 * told apart by a suffix {@code #2}, {@code #3}, ...
 */
public interface EventLoopMXBean {
    /** The name of the thread running the loop. */
    String getThreadName();

    /** Whether the loop is in debug mode. */
    boolean isDebug();

    /** {@link EventLoop.Stats#ready()}: callbacks queued for the next turn. */
    int getReady();

    /** {@link EventLoop.Stats#timers()}: scheduled timers not cancelled. */
    int getTimers();

    /** {@link EventLoop.Stats#cancelledTimers()}. */
    int getCancelledTimers();

    /** {@link EventLoop.Stats#tasks()}: tasks created and not yet done. */
    int getTasks();

    /** {@link EventLoop.Stats#inbox()}: callbacks handed over by other threads, not yet taken. */
    int getInbox();

    /** {@link EventLoop.Stats#unretrieved()}: failures nobody has retrieved yet. */
    int getUnretrieved();

    /** {@link EventLoop#dumpTasks()}. */
    String dumpTasks();
}
