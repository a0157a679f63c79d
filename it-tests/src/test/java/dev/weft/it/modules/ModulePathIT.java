package dev.weft.it.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Coroutine;
import dev.weft.weaver.ClassesWeaving;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A woven program on the module path: a named module that {@code requires dev.weft}, compiled
 * against the packaged runtime jar, woven, and run in a child JVM with {@code --module-path}.
 * A failsafe test, because only the packaged jar carries the runtime's module name.
 */
class ModulePathIT {
    private static final String MODULE_INFO = """
            module demo.app {
                requires dev.weft;
            }
            """;
    private static final String MAIN = """
            package demo.app;

            import dev.weft.Async;
            import dev.weft.Asyncio;
            import dev.weft.Await;
            import dev.weft.Coroutine;

            public class Main {
                @Async
                static Coroutine<Integer> twice(int x) {
                    Await.on(Asyncio.sleep(0.001));
                    return Coroutine.of(2 * x);
                }

                @Async
                static Coroutine<String> main() {
                    int answer = Await.on(twice(20)) + 2;
                    return Coroutine.of(answer + " in " + Main.class.getModule().getName()
                            + " with " + Coroutine.class.getModule().getName());
                }

                public static void main(String[] args) {
                    System.out.println(Asyncio.run(main()));
                }
            }
            """;

    @Test
    void theRuntimeJarIsNamedDevWeft() throws IOException, URISyntaxException {
        try (JarFile jar = new JarFile(runtimeJar().toFile())) {
            assertEquals("dev.weft", jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"));
        }
    }

    @Test
    void aWovenModuleRunsOnTheModulePath(@TempDir Path dir) throws Exception {
        Path runtime = runtimeJar();
        Path sources = dir.resolve("src");
        Path classes = dir.resolve("classes");
        Files.createDirectories(sources.resolve("demo/app"));
        Files.writeString(sources.resolve("module-info.java"), MODULE_INFO);
        Files.writeString(sources.resolve("demo/app/Main.java"), MAIN);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        boolean compiled = javac.getTask(errors, null, null,
                List.of("--release", "17", "--module-path", runtime.toString(), "-d", classes.toString()), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(
                        sources.resolve("module-info.java").toFile(), sources.resolve("demo/app/Main.java").toFile()))
                .call();
        assertTrue(compiled, errors::toString);

        ClassesWeaving.Outcome woven = ClassesWeaving.weave(classes, List.of(classes, runtime));
        assertFalse(woven.hasErrors(), woven.diagnostics()::toString);
        assertEquals(1, woven.wovenClasses());

        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process run = new ProcessBuilder(javaBin.toString(), "--module-path", runtime + File.pathSeparator + classes,
                "--module", "demo.app/demo.app.Main").redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the woven program did not finish");
        assertEquals(0, run.exitValue(), output);
        assertEquals("42 in demo.app with dev.weft", output);
    }

    /** The runtime jar this test runs against: under failsafe, the reactor's packaged weft-runtime. */
    private static Path runtimeJar() throws URISyntaxException {
        Path location = Path.of(Coroutine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(location.toString().endsWith(".jar"), () -> "the runtime is not a jar here: " + location);
        return location;
    }
}
