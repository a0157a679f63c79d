package dev.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Coroutine;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real plugin wove both the main classes ({@code weave}) and these tests ({@code weave-tests}). */
class PluginWeavingTest {

    @Async
    static Coroutine<List<String>> greetBoth() {
        List<String> r = Await.on(Asyncio.gather(Greeter.greet("Alice", 0.02), Greeter.greet("Bob", 0.01)));
        return Coroutine.of(r);
    }

    @Test
    void mainClassesAreWovenByTheWeaveGoal() {
        assertTrue(hasFrameClass(Greeter.class), "Greeter should have been woven");
        assertEquals("greeted Carol", Asyncio.run(Greeter.greet("Carol", 0)));
    }

    @Test
    void testClassesAreWovenByTheWeaveTestsGoal() {
        assertEquals(List.of("greeted Alice", "greeted Bob"), Asyncio.run(greetBoth()));
    }

    private static boolean hasFrameClass(Class<?> owner) {
        try {
            Class.forName(owner.getName() + "$$Weft$greet$0");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
