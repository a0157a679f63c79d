package dev.weft.it.streams;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Awaitable;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.ExceptionContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Helpers shared by the network stream tests. */
final class Net {
    static final String LOOPBACK = "127.0.0.1";

    private Net() {
    }

    /** A test body written as an async lambda. */
    @FunctionalInterface
    interface AsyncBody {
        Coroutine<Void> run() throws Exception;
    }

    /** Runs {@code body} with {@link Asyncio#run}, rethrowing checked exceptions as errors. */
    static void run(AsyncBody body) {
        try {
            Asyncio.run(body.run());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The exception {@code awaitable} fails with, or null if it succeeds. */
    @Async
    static Coroutine<Throwable> failureOf(Awaitable<?> awaitable) {
        try {
            Await.on(awaitable);
        } catch (Throwable t) {
            return Coroutine.of(t);
        }
        return Coroutine.of(null);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Records what reaches the running loop's exception handler (asyncio's tests' {@code messages}). */
    static List<ExceptionContext> recordErrors(EventLoop loop) {
        List<ExceptionContext> messages = Collections.synchronizedList(new ArrayList<>());
        loop.setExceptionHandler((l, context) -> messages.add(context));
        return messages;
    }

    /** How many file descriptors this JVM has open (Unix only). */
    static long openFileDescriptors() {
        return ((com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getOpenFileDescriptorCount();
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception ignored) {
            // Best effort cleanup in a test's finally.
        }
    }

    /** Reads what a JDK socket sends until it closes. */
    static byte[] readAll(java.io.InputStream in) throws IOException {
        return in.readAllBytes();
    }
}
