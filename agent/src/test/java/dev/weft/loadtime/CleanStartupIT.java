package dev.weft.loadtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs programs under {@code -javaagent:weft-agent.jar} in a JVM of their own, so that everything the
 * agent and the JVM print from startup on is seen: a correct program must leave standard error
 * empty. The JVM is the one running the tests, so the JDK 25 pass of the build also proves that the
 * agent triggers none of the newer JDKs' warnings (such as the one about {@code sun.misc.Unsafe}).
 */
class CleanStartupIT {

    @Test
    void wovenProgramRunsWithNothingOnStandardError(@TempDir Path dir) throws Exception {
        assertRunsCleanly(StartupProgram.class, "result=40", dir);
    }

    /** The runtime's own Await.each iterator must not be taken for user code and reported as misuse. */
    @Test
    void awaitEachProgramRunsWithNothingOnStandardError(@TempDir Path dir) throws Exception {
        assertRunsCleanly(EachProgram.class, "sum=10", dir);
    }

    /** Runs {@code main} under the agent: it must print {@code expected} and nothing on standard error. */
    private static void assertRunsCleanly(Class<?> main, String expected, Path dir) throws Exception {
        Run run = runUnderAgent(main, dir);
        assertEquals("", run.stderr, "the JVM warned about the agent, or the agent reported a problem");
        assertEquals(0, run.exitCode, run.stdout);
        assertTrue(run.stdout.contains(expected), run.stdout);
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private static Run runUnderAgent(Class<?> main, Path dir) throws IOException, InterruptedException {
        String agentJar = System.getProperty("weft.agent.jar");
        assertTrue(agentJar != null && new File(agentJar).isFile(), "the build passes the agent jar: " + agentJar);
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-javaagent:" + agentJar,
                "-cp", System.getProperty("java.class.path"), main.getName()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the program did not finish: " + Files.readString(out, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
