package dev.weft.loadtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Asyncio;
import dev.weft.Coroutine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs with {@code -javaagent:weft-agent.jar} on classes that were compiled but not woven. */
class LoadTimeWeavingIT {

    @Test
    void coroutineAwaitingSleepsAndChildrenReturnsTheirResults() {
        assertEquals(30, Asyncio.run(Sleepers.sumOfChildren()));
    }

    @Test
    void exceptionKeepsIdentityAndNamesItsSourceLine() {
        IllegalArgumentException caught = assertThrows(IllegalArgumentException.class,
                () -> Asyncio.run(Failing.failAfterSleep()));
        assertSame(Failing.thrown, caught);
        assertTrue(Arrays.stream(caught.getStackTrace()).anyMatch(
                e -> "Failing.java".equals(e.getFileName()) && e.getLineNumber() == Failing.THROW_LINE),
                () -> Arrays.toString(caught.getStackTrace()));
    }

    @Test
    void entryPointNamingNoCoroutineTypeIsWoven() {
        EntryPoints.addOffTheLoop(2, 3);
        assertEquals(List.of(5), EntryPoints.SEEN);
    }

    @Test
    void asyncLambdaIsWoven() {
        assertEquals("hello lambda", Asyncio.run(Lambdas.greeting("lambda")));
    }

    @Test
    void misuseIsReportedAndLeavesTheClassUnwoven() throws Exception {
        String stderr = stderrWhile(() -> Class.forName("dev.weft.loadtime.Misused"));
        assertTrue(stderr.contains("Misused.java:" + Misused.MISUSE_LINE + ": error: "), stderr);
        assertTrue(stderr.contains("[dev.weft.loadtime.Misused.notAsync]"), stderr);

        IllegalStateException notWoven = assertThrows(IllegalStateException.class, () -> Asyncio.run(Misused.fine()));
        assertTrue(notWoven.getMessage().contains("not woven"), notWoven.getMessage());
        assertTrue(notWoven.getMessage().contains("-javaagent:weft-agent.jar"), notWoven.getMessage());
    }

    /** The plugin's build error, printed by the agent: 2,000 awaits fit in javac's 64 KB but not once woven. */
    @Test
    void methodTooLargeOnceWovenIsReportedWithItsLocation() throws Exception {
        StringBuilder awaits = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            awaits.append("        total += Await.on(Coroutine.of(").append(i).append("));\n");
        }
        ClassLoader loader = GeneratedClasses.compile("probe/Huge.java", """
                package probe;
                import dev.weft.*;
                public class Huge {
                    @Async public static Coroutine<Long> huge() {
                        long total = 0;
                %s        return Coroutine.of(total);
                    }
                }
                """.formatted(awaits));
        String stderr = stderrWhile(() -> Class.forName("probe.Huge", true, loader));
        assertTrue(stderr.contains("weft-agent: Huge.java:5: error: this @Async method is too large once woven"), stderr);
        assertTrue(stderr.contains("64 KB") && stderr.contains("split it") && stderr.contains("[probe.Huge.huge]"), stderr);
        assertTrue(stderr.contains("probe.Huge is left unwoven"), stderr);
        assertTrue(!stderr.contains("MethodTooLargeException") && !stderr.contains("please report"), stderr);
    }

    @Test
    void classWovenByThePluginIsLeftAlone() throws Exception {
        OwnClassFiles loader = new OwnClassFiles("dev.weft.examples.Hello", getClass().getClassLoader());
        Method greet = loader.loadClass("dev.weft.examples.Hello").getDeclaredMethod("greet", String.class, double.class);
        greet.setAccessible(true);

        assertEquals("greeted Ada", Asyncio.run((Coroutine<?>) greet.invoke(null, "Ada", 0.001)));
        // Had the agent woven it again, its frames would have been injected rather than read from the jar.
        assertTrue(loader.defined.stream().anyMatch(name -> name.contains("$$Weft$")), loader.defined::toString);
    }

    private interface Action {
        void run() throws Exception;
    }

    private static String stderrWhile(Action action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** Defines the classes under a prefix itself, from its parent's class files, and records which. */
    private static final class OwnClassFiles extends ClassLoader {
        final List<String> defined = new ArrayList<>();
        private final String prefix;

        OwnClassFiles(String prefix, ClassLoader parent) {
            super(parent);
            this.prefix = prefix;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(prefix)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : define(name);
            }
        }

        private Class<?> define(String name) throws ClassNotFoundException {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                defined.add(name);
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}
