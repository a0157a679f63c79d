package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A coroutine dropped without {@code Await.on} is a located build warning, as Python's "never awaited". */
class ForgottenAwaitWarningsTest {

    private static List<Diagnostic> warnings(String body) {
        Woven w = Woven.source("demo/Forgetful.java", """
                package demo;
                import dev.weft.*;
                public class Forgetful {
                    @Async static Coroutine<Integer> child() {
                        return Coroutine.of(1);
                    }
                %s
                }
                """.formatted(body));
        return w.diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).toList();
    }

    @Test
    void droppedSleepInsideAnAsyncMethod() {
        List<Diagnostic> found = warnings("""
                    @Async static Coroutine<Void> f() {
                        Asyncio.sleep(1);
                        return Coroutine.done();
                    }
                """);
        assertEquals(1, found.size(), found::toString);
        Diagnostic d = found.get(0);
        assertEquals("f", d.method());
        assertEquals(8, d.line());
        assertTrue(d.message().contains("sleep(...) is never awaited"), d::format);
        assertTrue(d.message().contains("Await.on(sleep(...))"), d::format);
    }

    @Test
    void droppedChildCallInAPlainMethod() {
        List<Diagnostic> found = warnings("""
                    static void g() {
                        child();
                    }
                """);
        assertEquals(1, found.size(), found::toString);
        assertEquals("g", found.get(0).method());
        assertTrue(found.get(0).message().contains("child(...) is never awaited"), found.get(0)::format);
    }

    @Test
    void awaitedScheduledStoredOrReturnedCoroutinesAreFine() {
        assertEquals(List.of(), warnings("""
                    @Async static Coroutine<Integer> f() {
                        int a = Await.on(child());
                        Task<Integer> t = Asyncio.createTask(child());
                        Coroutine<Integer> kept = child();
                        Asyncio.createTask(child());
                        return Coroutine.of(a + Await.on(t) + Await.on(kept));
                    }
                    static Coroutine<Integer> g() {
                        return child();
                    }
                """));
    }
}
