package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @Async void} methods, entry points: the body is woven as a {@code Coroutine<Void>} and the
 * method itself runs it on a fresh loop, as {@code Asyncio.run} would. Each body runs with awaited
 * values ready and again with them suspending.
 */
class EntryPointTest {
    private static final String APP = """
            package demo;
            import dev.weft.*;
            import java.io.IOException;
            import java.util.*;
            import static dev.weft.weaver.Values.*;
            public class App {
                public static final List<String> log = new ArrayList<>();
                private final String name;
                public App(String name) { this.name = name; }

                @Async
                public static void main(String[] args) {
                    for (String a : args) {
                        if (a.equals("stop")) {
                            log.add("stopped");
                            return;
                        }
                        log.add(Await.on(v(a.toUpperCase())));
                    }
                    log.add("end");
                }

                @Async
                private void greet(int times, long id, String who) {
                    for (int i = 0; i < times; i++) {
                        log.add(name + " greets " + Await.on(v(who)) + " #" + (id + i));
                    }
                }

                public void greetTwice(String who) { greet(2, 40L, who); }

                @Async
                static void fails() throws IOException {
                    Await.on(v(1));
                    throw new IOException("disk full");
                }

                @Async
                static Coroutine<Void> nested() {
                    main(new String[0]);
                    return Coroutine.done();
                }

                public static void runNested() { Asyncio.run(nested()); }
            }
            """;

    @AfterEach
    void immediate() {
        Values.mode(Values.Mode.IMMEDIATE);
    }

    @Test
    void voidMainStaysAProgramEntryPointAndRunsItsBodyToTheEnd() throws Throwable {
        Woven w = Woven.source("demo/App.java", APP);
        Method main = w.load("demo.App").getMethod("main", String[].class);
        assertEquals(void.class, main.getReturnType());
        assertTrue(Modifier.isStatic(main.getModifiers()) && Modifier.isPublic(main.getModifiers()));
        for (Values.Mode mode : Values.Mode.values()) {
            Values.mode(mode);
            List<String> log = log(w);
            log.clear();
            main.invoke(null, (Object) new String[] {"a", "b"});
            assertEquals(List.of("A", "B", "end"), log, "mode " + mode);
        }
    }

    @Test
    void aReturnInTheMiddleCompletesTheEntryPoint() throws Throwable {
        Woven w = Woven.source("demo/App.java", APP);
        Method main = w.load("demo.App").getMethod("main", String[].class);
        for (Values.Mode mode : Values.Mode.values()) {
            Values.mode(mode);
            List<String> log = log(w);
            log.clear();
            main.invoke(null, (Object) new String[] {"a", "stop", "b"});
            assertEquals(List.of("A", "stopped"), log, "mode " + mode);
        }
    }

    @Test
    void privateInstanceEntryPointWithParameters() throws Throwable {
        Woven w = Woven.source("demo/App.java", APP);
        Class<?> app = w.load("demo.App");
        Object ann = app.getConstructor(String.class).newInstance("ann");
        for (Values.Mode mode : Values.Mode.values()) {
            Values.mode(mode);
            List<String> log = log(w);
            log.clear();
            app.getMethod("greetTwice", String.class).invoke(ann, "bob");
            assertEquals(List.of("ann greets bob #40", "ann greets bob #41"), log, "mode " + mode);
        }
    }

    @Test
    void checkedExceptionIsRethrownUnwrappedWithItsLine() throws Throwable {
        Woven w = Woven.source("demo/App.java", APP);
        Method fails = w.load("demo.App").getDeclaredMethod("fails");
        fails.setAccessible(true);
        assertEquals(List.of(IOException.class), Arrays.asList(fails.getExceptionTypes()));
        for (Values.Mode mode : Values.Mode.values()) {
            Values.mode(mode);
            InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> fails.invoke(null));
            IOException thrown = assertInstanceOf(IOException.class, e.getCause(), "mode " + mode);
            assertEquals("disk full", thrown.getMessage());
            StackTraceElement top = thrown.getStackTrace()[0];
            assertEquals("demo.App", top.getClassName());
            assertEquals("fails", top.getMethodName());
            assertEquals(lineOf("throw new IOException"), top.getLineNumber(), "mode " + mode);
        }
    }

    @Test
    void callingAnEntryPointInsideARunningLoopThrowsAndSaysWhatToDo() throws Throwable {
        Woven w = Woven.source("demo/App.java", APP);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.call("demo.App", "runNested"));
        assertTrue(e.getMessage().contains("@Async void method demo.App.main is an entry point"), e.getMessage());
        assertTrue(e.getMessage().contains("await the coroutine instead"), e.getMessage());
    }

    @Test
    void otherReturnTypesAreStillBuildErrors() {
        Woven w = Woven.withDiagnostics("demo/Bad.java", """
                package demo;
                import dev.weft.*;
                class Bad {
                    @Async static String s() { return "x"; }
                    @Async static int i() { return 1; }
                }
                """);
        assertEquals(List.of("i", "s"), w.diagnostics.stream()
                .filter(d -> d.severity() == Diagnostic.Severity.ERROR
                        && d.message().contains("must return Coroutine<T> or AsyncGenerator<T> (or be void"))
                .map(Diagnostic::method).sorted().toList());
    }

    @SuppressWarnings("unchecked")
    private static List<String> log(Woven w) throws ReflectiveOperationException {
        return (List<String>) w.load("demo.App").getField("log").get(null);
    }

    private static int lineOf(String text) {
        String before = APP.substring(0, APP.indexOf(text));
        return (int) before.chars().filter(c -> c == '\n').count() + 1;
    }
}
