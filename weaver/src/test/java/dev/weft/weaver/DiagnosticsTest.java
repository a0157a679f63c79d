package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every misuse fails the build with the class, method, source file and line. */
class DiagnosticsTest {

    private static Diagnostic onlyError(String source) {
        Woven w = Woven.withDiagnostics("demo/Bad.java", source);
        List<Diagnostic> errors = w.diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
        assertEquals(1, errors.size(), () -> "expected one error, got " + w.diagnostics);
        assertTrue(w.classes.get("demo/Bad") == w.original.get("demo/Bad"), "nothing is woven when there are errors");
        return errors.get(0);
    }

    private static void assertAt(Diagnostic d, String method, int line, String words) {
        assertEquals("demo.Bad", d.className());
        assertEquals(method, d.method());
        assertEquals("Bad.java", d.sourceFile());
        assertEquals(line, d.line());
        assertTrue(d.message().contains(words), () -> d.message() + " should mention " + words);
        assertTrue(d.format().startsWith("Bad.java:" + line + ": error: "), d::format);
    }

    @Test
    void awaitOutsideAsyncMethod() {
        assertAt(onlyError("""
                package demo;
                import dev.weft.*;
                class Bad {
                    static int plain() {
                        return Await.on(Coroutine.of(1));
                    }
                }
                """), "plain", 5, "outside an @Async method");
    }

    @Test
    void awaitInsideLambdaThatIsNotAsync() {
        assertAt(onlyError("""
                package demo;
                import dev.weft.*;
                import java.util.function.IntSupplier;
                class Bad {
                    @Async static Coroutine<Integer> f() {
                        IntSupplier s = () ->
                            Await.on(Coroutine.of(1));
                        return Coroutine.of(s.getAsInt());
                    }
                }
                """), "f (in a lambda)", 7, "lambda that is not async");
    }

    @Test
    void awaitInsideLambdaOfAFieldInitializerNamesTheConstructor() {
        assertAt(onlyError("""
                package demo;
                import dev.weft.*;
                import java.util.function.IntSupplier;
                class Bad {
                    IntSupplier s = () -> Await.on(Coroutine.of(1));
                }
                """), "<init> (in a lambda)", 5, "lambda that is not async");
    }

    /** A method reference escapes the weaver, so the function would throw when applied: it fails the build instead. */
    @Test
    void awaitAsMethodReference() {
        assertAt(onlyError("""
                package demo;
                import dev.weft.*;
                import java.util.List;
                class Bad {
                    @Async static Coroutine<List<Integer>> all(List<Coroutine<Integer>> cs) {
                        return Coroutine.of(cs.stream().map(Await::on).toList());
                    }
                }
                """), "all", 6, "method reference");
    }

    @Test
    void asyncMethodWithWrongReturnType() {
        assertAt(onlyError("""
                package demo;
                import dev.weft.*;
                class Bad {
                    @Async static int g() {
                        return 1;
                    }
                }
                """), "g", 5, "must return Coroutine<T> or AsyncGenerator<T>");
    }

    @Test
    void asyncAbstractMethod() {
        Diagnostic d = onlyError("""
                package demo;
                import dev.weft.*;
                abstract class Bad {
                    @Async abstract Coroutine<Integer> h();
                }
                """);
        assertEquals("h", d.method());
        assertTrue(d.message().contains("abstract"));
    }

    @Test
    void asyncNativeMethod() {
        Diagnostic d = onlyError("""
                package demo;
                import dev.weft.*;
                class Bad {
                    @Async native Coroutine<Integer> n();
                }
                """);
        assertEquals("n", d.method());
        assertTrue(d.message().contains("native"));
    }

    @Test
    void asyncSynchronizedMethod() {
        assertAt(onlyError("""
                package demo;
                import dev.weft.*;
                class Bad {
                    @Async synchronized Coroutine<Integer> s() {
                        return Coroutine.of(Await.on(Coroutine.of(1)));
                    }
                }
                """), "s", 5, "synchronized");
    }

    @Test
    void awaitInsideSynchronizedBlock() {
        assertAt(onlyError("""
                package demo;
                import dev.weft.*;
                class Bad {
                    @Async Coroutine<Integer> s() {
                        int x = 0;
                        synchronized (this) {
                            x = Await.on(Coroutine.of(1));
                        }
                        return Coroutine.of(x);
                    }
                }
                """), "s", 7, "synchronized block");
    }

    @Test
    void awaitInsideSynchronizedBlockOfAnAsyncLambdaNamesTheDeclaringMethod() {
        assertAt(onlyError("""
                package demo;
                import dev.weft.*;
                import java.util.function.Supplier;
                class Bad {
                    static Supplier<Coroutine<Integer>> f(Object lock) {
                        return () -> {
                            synchronized (lock) {
                                return Coroutine.of(Await.on(Coroutine.of(1)));
                            }
                        };
                    }
                }
                """), "f (in a lambda)", 8, "synchronized block");
    }

    @Test
    void yieldInCoroutineThatIsNotAGenerator() {
        assertAt(onlyError("""
                package demo;
                import dev.weft.*;
                class Bad {
                    @Async Coroutine<Integer> y() {
                        Await.yield(1);
                        return Coroutine.of(1);
                    }
                }
                """), "y", 5, "AsyncGenerator");
    }

    @Test
    void eachOutsideEnhancedFor() {
        assertAt(onlyError("""
                package demo;
                import dev.weft.*;
                class Bad {
                    @Async Coroutine<Integer> e(AsyncIterable<Integer> src) {
                        Iterable<Integer> it = Await.each(src);
                        return Coroutine.of(it.hashCode());
                    }
                }
                """), "e", 5, "enhanced for");
    }

    @Test
    void everyErrorOfAClassIsReportedAtOnce() {
        Woven w = Woven.withDiagnostics("demo/Bad.java", """
                package demo;
                import dev.weft.*;
                class Bad {
                    static void a() { Await.on(Coroutine.of(1)); }
                    static void b() { Await.on(Coroutine.of(2)); }
                }
                """);
        assertEquals(List.of(4, 5), w.diagnostics.stream().map(Diagnostic::line).toList());
    }
}
