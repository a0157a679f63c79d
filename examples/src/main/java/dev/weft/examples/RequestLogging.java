package dev.weft.examples;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.ContextVar;
import dev.weft.Coroutine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Context variables, Python's {@code contextvars}: three requests handled concurrently on one
 * loop, each setting a request id that every log record of its work carries, in the tasks it
 * creates and on the worker thread of {@code toThread} too, with no id passed around.
 */
public final class RequestLogging {
    /** The request being handled: {@code "-"} outside any. */
    static final ContextVar<String> REQUEST_ID = new ContextVar<>("request_id", "-");
    private static final Logger LOG = Logger.getLogger("dev.weft.examples.requests");

    private RequestLogging() {
    }

    /**
     * Stamps each record with the request id current where it is logged, as a logging MDC does:
     * {@code publish} runs on the logging thread, in the logging task's context.
     */
    static final class RequestIdHandler extends Handler {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void publish(LogRecord record) {
            lines.add("[" + REQUEST_ID.get() + "] " + record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Async
    static Coroutine<Void> handle(String requestId, String user) {
        REQUEST_ID.set(requestId);                       // this task and the tasks it creates from now on
        LOG.info("request for " + user);
        Await.on(Asyncio.gather(load(user), audit(user)));
        LOG.info("done with " + user);
        return Coroutine.done();
    }

    @Async
    static Coroutine<Void> load(String user) {
        Await.on(Asyncio.sleep(0.01));
        LOG.info("loaded " + user);
        return Coroutine.done();
    }

    @Async
    static Coroutine<Void> audit(String user) {
        Await.on(Asyncio.toThread(() -> {
            LOG.info("audited " + user + " on " + Thread.currentThread().getName());
            return null;
        }));
        return Coroutine.done();
    }

    @Async
    public static Coroutine<List<String>> main() {
        RequestIdHandler handler = new RequestIdHandler();
        LOG.addHandler(handler);
        LOG.setUseParentHandlers(false);
        try {
            Await.on(Asyncio.gather(handle("r-1", "alice"), handle("r-2", "bob"), handle("r-3", "carol")));
        } finally {
            LOG.removeHandler(handler);
            LOG.setUseParentHandlers(true);
        }
        handler.lines.forEach(line -> System.out.println("  " + line));
        return Coroutine.of(List.copyOf(handler.lines));
    }
}
