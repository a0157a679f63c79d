package dev.weft.it.asyncio;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Awaitable;
import dev.weft.TaskGroup;
import dev.weft.it.Fixtures;
import java.lang.reflect.InvocationTargetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Code compiled without weaving reaches the "must be used inside a task" checks from inside an
 * {@code @Async} method; each such error names that likely cause and both ways to weave.
 */
class NotWovenMessageTest {

    @Test
    void timeoutOutsideATaskNamesWeaving() {
        assertNamesWeaving(() -> Asyncio.timeout(1));
    }

    @Test
    void timeoutAtOutsideATaskNamesWeaving() {
        assertNamesWeaving(() -> Asyncio.timeoutAt(1));
    }

    @Test
    void taskGroupOutsideATaskNamesWeaving() {
        assertNamesWeaving(TaskGroup::new);
    }

    @Test
    void getRunningLoopWithoutALoopNamesWeaving() {
        assertNamesWeaving(Asyncio::getRunningLoop);
    }

    @Test
    void createTaskWithoutALoopNamesWeaving() {
        assertNamesWeaving(() -> Asyncio.createTask(Fixtures.after(0, 1)));
    }

    /** Called reflectively, so that the weaver cannot see (and reject) the unwoven call. */
    @Test
    void awaitOnCalledUnwovenNamesBothRemedies() throws Exception {
        InvocationTargetException thrown = assertThrows(InvocationTargetException.class,
                () -> Await.class.getMethod("on", Awaitable.class).invoke(null, Fixtures.after(0, 1)));
        IllegalStateException e = assertInstanceOf(IllegalStateException.class, thrown.getCause());
        assertTrue(e.getMessage().contains("not woven"), e.getMessage());
        assertTrue(e.getMessage().contains("weft-maven-plugin"), e.getMessage());
        assertTrue(e.getMessage().contains("-javaagent:weft-agent.jar"), e.getMessage());
    }

    private static void assertNamesWeaving(Executable call) {
        IllegalStateException e = assertThrows(IllegalStateException.class, call);
        assertTrue(e.getMessage().contains("not woven"), e.getMessage());
        assertTrue(e.getMessage().contains("weft-maven-plugin"), e.getMessage());
        assertTrue(e.getMessage().contains("-javaagent:weft-agent.jar"), e.getMessage());
    }
}
