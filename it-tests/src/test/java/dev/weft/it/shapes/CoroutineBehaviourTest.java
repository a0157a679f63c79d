package dev.weft.it.shapes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Awaitable;
import dev.weft.Coroutine;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The promises of API.md's "Writing coroutines" beyond values, woven by the real plugin (see {@link Behaviour}). */
class CoroutineBehaviourTest {

    @InBothModes
    void callingAnAsyncMethodRunsNoneOfItsBody(Mode m) {
        AtomicInteger runs = new AtomicInteger();
        Coroutine<Integer> notStarted = Behaviour.countsItsRuns(m, runs);
        assertEquals(0, runs.get());
        assertEquals(1, Asyncio.run(notStarted));
        assertEquals(1, runs.get());
    }

    @InBothModes
    void onlyARealSuspensionLetsAnotherTaskRun(Mode m) {
        assertEquals(m == Mode.SUSPENDING, Asyncio.run(Behaviour.otherTaskRanDuringAwaits(m)));
    }

    @InBothModes
    void awaitingACoroutineTwiceThrowsIllegalStateException(Mode m) {
        IllegalStateException e = Asyncio.run(Behaviour.awaitTwice(m));
        assertNotNull(e, "the second await should have thrown");
        assertTrue(e.getMessage().contains("already awaited"), e::getMessage);
    }

    @InBothModes
    void completionStagesResumeTheCoroutineOnTheLoopThread(Mode m) {
        List<Thread> threads = Asyncio.run(Behaviour.threadsAroundStageAwaits(m));
        Thread loop = Thread.currentThread();
        assertSame(loop, threads.get(0));
        assertNotEquals(loop, threads.get(1), "the stage was completed on another thread");
        assertSame(loop, threads.get(2));
        assertSame(loop, threads.get(3));
    }

    @InBothModes
    void failedStageRethrowsItsOriginalException(Mode m) {
        RuntimeException error = new UnsupportedOperationException("original");
        assertSame(error, Asyncio.run(Behaviour.failedStage(m, error)));
    }

    @InBothModes
    void exceptionIsRethrownAsTheSameObjectThroughEveryFrame(Mode m) {
        RuntimeException error = new IllegalStateException("deep");
        assertSame(error, assertThrows(IllegalStateException.class, () -> Asyncio.run(Behaviour.throwFrom(m, 5, error))));
    }

    @InBothModes
    void stackTraceNamesTheSourceFileAndLineOfTheThrow(Mode m) throws IOException {
        ArrayIndexOutOfBoundsException e = assertThrows(ArrayIndexOutOfBoundsException.class,
                () -> Asyncio.run(Behaviour.indexOutOfBoundsAfterAwait(m)));
        assertThrownAtMarker(e.getStackTrace()[0], e, "indexOutOfBoundsAfterAwait");
    }

    @InBothModes
    void stackTraceOfAnAsyncLambdaNamesItsLine(Mode m) throws IOException {
        NumberFormatException e = assertThrows(NumberFormatException.class, () -> Asyncio.run(Behaviour.lambdaFailsAfterAwait(m)));
        assertThrownAtMarker(frameOf(e, Behaviour.class), e, "lambdaFailsAfterAwait");
    }

    @InBothModes
    void stackTraceOfAGeneratorNamesItsLine(Mode m) throws IOException {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> Asyncio.run(Behaviour.sumOfGeneratorFailingAfterYield(m)));
        assertThrownAtMarker(e.getStackTrace()[0], e, "generatorFailsAfterYield");
    }

    @Test
    void millionDeepChainOfSynchronouslyCompletingAwaitsDoesNotOverflow() {
        assertEquals(1_000_000, Asyncio.run(Behaviour.chain(Mode.IMMEDIATE, 1_000_000)));
    }

    @Test
    void tenThousandDeepChainOfSuspendedFramesResumesWithoutOverflow() {
        assertEquals(10_000, Asyncio.run(Behaviour.suspendedChain(10_000)));
    }

    /** Test code is woven by {@code weave-tests}, so a direct {@code Await.on} here would fail the build: call it reflectively. */
    @Test
    void awaitInUnwovenCodeThrowsAndNamesThePlugin() throws NoSuchMethodException, IllegalAccessException {
        Method on = Await.class.getMethod("on", Awaitable.class);
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> on.invoke(null, Coroutine.of(1)));
        assertTrue(e.getCause() instanceof IllegalStateException, () -> String.valueOf(e.getCause()));
        assertTrue(e.getCause().getMessage().contains("weft-maven-plugin"), e.getCause()::getMessage);
    }

    /** {@code frame} is in Behaviour.java, on the line marked {@code line-marker: marker}. */
    private static void assertThrownAtMarker(StackTraceElement frame, Throwable e, String marker) throws IOException {
        assertEquals(Behaviour.class.getName(), frame.getClassName(), () -> Arrays.toString(e.getStackTrace()));
        assertEquals("Behaviour.java", frame.getFileName());
        assertEquals(lineOfMarker("Behaviour.java", "line-marker: " + marker), frame.getLineNumber(),
                () -> Arrays.toString(e.getStackTrace()));
    }

    /** The innermost frame of {@code e} in {@code owner}: a library call (here Integer.parseInt) may be above it. */
    private static StackTraceElement frameOf(Throwable e, Class<?> owner) {
        return Arrays.stream(e.getStackTrace()).filter(f -> f.getClassName().equals(owner.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no frame of " + owner.getName() + " in " + Arrays.toString(e.getStackTrace())));
    }

    /** The 1-based line of the fixture source that carries {@code marker}, so the test survives edits above it. */
    private static int lineOfMarker(String fixture, String marker) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/main/java/dev/weft/it/shapes", fixture));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError(marker + " not found in " + fixture);
    }
}
