package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The weaving step of the build, on real class files in a real directory: every misuse fails it
 * naming class, method, file and line, and leaves the directory untouched; correct input is woven
 * exactly once; incremental rebuilds leave no stale frame behind.
 */
class ClassesWeavingTest {
    /** A correct coroutine compiled next to each misuse: it proves that a failed build weaves nothing at all. */
    private static final String GOOD = """
            package demo;
            import dev.weft.*;
            class Good {
                @Async static Coroutine<Integer> one() { return Coroutine.of(Await.on(Coroutine.of(1))); }
            }
            """;

    @TempDir
    Path root;

    static Stream<Arguments> misuses() {
        return Stream.of(
                arguments("Await outside an @Async method", "plain", "outside an @Async method", """
                        class Bad {
                            static int plain() {
                                return Await.on(Coroutine.of(1)); // <- error
                            }
                        }"""),
                arguments("Await in a lambda that is not async", "plain (in a lambda)", "lambda that is not async", """
                        class Bad {
                            static int plain() {
                                java.util.function.IntSupplier s = () -> Await.on(Coroutine.of(1)); // <- error
                                return s.getAsInt();
                            }
                        }"""),
                arguments("Await::on as a method reference", "all", "method reference", """
                        class Bad {
                            @Async
                            static Coroutine<java.util.List<Integer>> all(java.util.List<Coroutine<Integer>> cs) {
                                return Coroutine.of(cs.stream().map(Await::on).toList()); // <- error
                            }
                        }"""),
                arguments("@Async returning neither Coroutine nor AsyncGenerator", "g", "must return Coroutine<T>", """
                        class Bad {
                            @Async
                            static int g() {
                                return 1; // <- error
                            }
                        }"""),
                arguments("@Async on an abstract method", "h", "abstract", """
                        abstract class Bad {
                            @Async
                            abstract Coroutine<Integer> h(); // <- error
                        }"""),
                arguments("@Async on a native method", "n", "native", """
                        class Bad {
                            @Async
                            native Coroutine<Integer> n(); // <- error
                        }"""),
                arguments("Await inside a synchronized block", "s", "synchronized block", """
                        class Bad {
                            @Async
                            Coroutine<Integer> s() {
                                synchronized (this) {
                                    return Coroutine.of(Await.on(Coroutine.of(1))); // <- error
                                }
                            }
                        }"""),
                arguments("@Async on a synchronized method", "s", "cannot be synchronized", """
                        class Bad {
                            @Async
                            synchronized Coroutine<Integer> s() {
                                return Coroutine.of(Await.on(Coroutine.of(1))); // <- error
                            }
                        }"""),
                arguments("Await.yield in a coroutine that is not a generator", "y", "AsyncGenerator", """
                        class Bad {
                            @Async
                            Coroutine<Integer> y() {
                                Await.yield(1); // <- error
                                return Coroutine.of(1);
                            }
                        }"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misuses")
    void misuseFailsNamingClassMethodFileAndLineAndWeavesNothing(String misuse, String method, String words, String body)
            throws IOException {
        SourceTree tree = new SourceTree(root).write("demo/Good.java", GOOD)
                .write("demo/Bad.java", "package demo;\nimport dev.weft.*;\n" + body + "\n").compile();
        Map<String, ByteBuffer> compiled = tree.snapshot();

        ClassesWeaving.Outcome outcome = tree.weave();

        List<Diagnostic> errors = errors(outcome);
        assertEquals(1, errors.size(), () -> "expected one error, got " + outcome.diagnostics());
        Diagnostic d = errors.get(0);
        int line = tree.markedLine("demo/Bad.java");
        assertEquals("demo.Bad", d.className());
        assertEquals(method, d.method());
        assertEquals("Bad.java", d.sourceFile());
        assertEquals(line, d.line(), d::format);
        assertTrue(d.message().contains(words), d::message);
        assertTrue(d.format().startsWith("Bad.java:" + line + ": error: ") && d.format().endsWith("[demo.Bad." + method + "]"), d::format);
        assertEquals(compiled, tree.snapshot(), "a failed weave must not change any file");
    }

    /** {@code @Async} targets methods only, so javac itself fails the build, at the constructor's line. */
    @Test
    void asyncOnAConstructorIsAJavacErrorAtItsLine() throws IOException {
        SourceTree tree = new SourceTree(root).write("demo/Bad.java", """
                package demo;
                import dev.weft.*;
                class Bad {
                    @Async Bad() { } // <- error
                }
                """);
        List<javax.tools.Diagnostic<? extends JavaFileObject>> errors = tree.compileReportingErrors();
        assertEquals(1, errors.size(), errors::toString);
        assertEquals(tree.markedLine("demo/Bad.java"), errors.get(0).getLineNumber());
        assertTrue(errors.get(0).getSource().getName().endsWith("Bad.java"));
        assertTrue(errors.get(0).getMessage(null).contains("not applicable"), errors.toString());
    }

    /** Abstract and native methods have no line table; without their source the error can only name the method. */
    @Test
    void withoutTheSourceAnAbstractMethodErrorHasNoLine() throws IOException {
        SourceTree tree = new SourceTree(root).write("demo/Bad.java", """
                package demo;
                abstract class Bad {
                    @dev.weft.Async abstract dev.weft.Coroutine<Integer> h();
                }
                """).compile();
        Diagnostic d = errors(ClassesWeaving.weave(tree.classes, SourceTree.classpath())).get(0);
        assertEquals("h", d.method());
        assertEquals(0, d.line());
        assertTrue(d.format().startsWith("Bad.java: error: "), d::format);
    }

    @Test
    void classesWithoutAsyncComeBackByteIdentical() throws IOException {
        SourceTree tree = new SourceTree(root).write("demo/Good.java", GOOD).write("demo/Plain.java", """
                package demo;
                import java.util.function.*;
                class Plain {
                    interface Shape { double area(); }
                    record Circle(double r) implements Shape { public double area() { return Math.PI * r * r; } }
                    enum Kind { A, B }
                    Supplier<String> s = () -> "lambda";
                    Supplier<dev.weft.Coroutine<Integer>> notAwaiting = () -> dev.weft.Coroutine.of(1);
                    synchronized int sw(Kind k, String s) {
                        int x = switch (k) { case A -> 1; case B -> 2; };
                        switch (s) { case "one": return x; default: return new Object() { int v = 3; }.v; }
                    }
                }
                """).compile();
        Map<String, ByteBuffer> compiled = tree.snapshot();

        ClassesWeaving.Outcome outcome = tree.weave();

        assertEquals(1, outcome.wovenClasses());
        Map<String, ByteBuffer> woven = tree.snapshot();
        compiled.forEach((file, bytes) -> {
            if (file.startsWith("demo/Plain")) {
                assertEquals(bytes, woven.get(file), file + " must be unchanged");
            }
        });
        assertNotEquals(compiled.get("demo/Good.class"), woven.get("demo/Good.class"));
    }

    @Test
    void weavingTwiceChangesNothingTheSecondTime() throws IOException {
        SourceTree tree = new SourceTree(root).write("demo/Good.java", GOOD).compile();
        assertEquals(1, tree.weave().wovenClasses());
        Map<String, ByteBuffer> once = tree.snapshot();

        ClassesWeaving.Outcome again = tree.weave();

        assertEquals(0, again.wovenClasses());
        assertEquals(once, tree.snapshot());
    }

    @Test
    void staleFramesOfARecompiledOwnerAreDeleted() throws IOException {
        SourceTree tree = new SourceTree(root).write("demo/Owner.java", """
                package demo;
                import dev.weft.*;
                class Owner {
                    @Async static Coroutine<Integer> a() { return Coroutine.of(Await.on(Coroutine.of(1))); }
                    @Async static Coroutine<Integer> b() { return Coroutine.of(Await.on(Coroutine.of(2))); }
                }
                """).compile();
        tree.weave();
        assertEquals(Set.of("demo/Owner$$Weft$a$0.class", "demo/Owner$$Weft$b$1.class"), frames(tree));

        tree.write("demo/Owner.java", """
                package demo;
                import dev.weft.*;
                class Owner {
                    @Async static Coroutine<Integer> a() { return Coroutine.of(Await.on(Coroutine.of(1))); }
                }
                """).compile();
        tree.weave();

        assertEquals(Set.of("demo/Owner$$Weft$a$0.class"), frames(tree));
    }

    /** An incremental compiler may rewrite {@code Outer.class} only: {@code Outer$Inner}'s frames are not {@code Outer}'s. */
    @Test
    void nestedClassFramesSurviveWhenTheirOuterClassIsRewoven() throws IOException {
        SourceTree tree = new SourceTree(root).write("demo/Outer.java", """
                package demo;
                import dev.weft.*;
                class Outer {
                    @Async static Coroutine<Integer> x() { return Coroutine.of(Await.on(Coroutine.of(1))); }
                    static class Inner {
                        @Async static Coroutine<Integer> y() { return Coroutine.of(Await.on(Coroutine.of(2))); }
                    }
                }
                """).compile();
        Path outer = tree.classes.resolve("demo/Outer.class");
        byte[] unwovenOuter = Files.readAllBytes(outer);
        tree.weave();
        Map<String, ByteBuffer> woven = tree.snapshot();
        assertEquals(Set.of("demo/Outer$$Weft$x$0.class", "demo/Outer$Inner$$Weft$y$0.class"), frames(tree));

        Files.write(outer, unwovenOuter);
        ClassesWeaving.Outcome rewoven = tree.weave();

        assertEquals(1, rewoven.wovenClasses());
        assertEquals(woven, tree.snapshot());
    }

    private static List<Diagnostic> errors(ClassesWeaving.Outcome outcome) {
        return outcome.diagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).collect(Collectors.toList());
    }

    private static Set<String> frames(SourceTree tree) throws IOException {
        return tree.snapshot().keySet().stream().filter(f -> f.contains("$$Weft$")).collect(Collectors.toCollection(TreeSet::new));
    }
}
