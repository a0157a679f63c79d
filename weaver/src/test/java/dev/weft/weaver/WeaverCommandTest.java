package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar weft-weaver-cli.jar CLASSES_DIR... [--classpath CP]}: what Gradle or a script runs. */
class WeaverCommandTest {
    @TempDir
    Path root;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return WeaverCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String classpath() {
        return SourceTree.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    @Test
    void weavesAFolderInPlaceAndExitsZero() throws Exception {
        SourceTree tree = new SourceTree(root).write("demo/Good.java", """
                package demo;
                import dev.weft.*;
                class Good {
                    @Async static Coroutine<Integer> one() { return Coroutine.of(Await.on(Coroutine.of(1))); }
                }
                """).compile();

        assertEquals(0, run(tree.classes.toString(), "--classpath", classpath()), err::toString);

        assertTrue(Files.isRegularFile(tree.classes.resolve("demo/Good$$Weft$one$0.class")));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("wove 1 class(es), 1 coroutine frame(s)"), out::toString);
    }

    @Test
    void misuseIsPrintedAsThePluginPrintsItExitsOneAndWritesNothing() throws Exception {
        SourceTree tree = new SourceTree(root).write("demo/Bad.java", """
                package demo;
                import dev.weft.*;
                class Bad {
                    static int plain() {
                        return Await.on(Coroutine.of(1));
                    }
                    @Async static Coroutine<Integer> one() { return Coroutine.of(Await.on(Coroutine.of(1))); }
                }
                """).compile();

        assertEquals(1, run(tree.classes.toString(), "--classpath", classpath()));

        String stderr = err.toString(StandardCharsets.UTF_8);
        assertTrue(stderr.contains("Bad.java:5: error: Await.on used outside an @Async method"), stderr);
        assertTrue(stderr.contains("[demo.Bad.plain]"), stderr);
        assertFalse(Files.exists(tree.classes.resolve("demo/Bad$$Weft$one$0.class")));
    }

    @Test
    void malformedCommandLinesExitTwoWithTheUsage() {
        assertEquals(2, run());
        assertEquals(2, run("--classpath"));
        assertEquals(2, run("--frobnicate", root.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: java -jar"), err::toString);
    }

    @Test
    void aMissingFolderIsAnError() {
        assertEquals(1, run(root.resolve("absent").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is not a directory"), err::toString);
    }
}
