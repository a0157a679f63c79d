package dev.weft.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A blocking call inside an {@code @Async} body is a located warning naming the awaitable alternative. */
class BlockingCallWarningsTest {

    private static List<Diagnostic> warningsFor(String statement) {
        Woven w = Woven.source("demo/Blocking.java", """
                package demo;
                import dev.weft.*;
                import java.io.*;
                import java.net.http.*;
                import java.util.concurrent.*;
                public class Blocking {
                    @Async static Coroutine<Object> f(Object in) throws Exception {
                        Object r = null;
                        %s
                        return Coroutine.of(r);
                    }
                    static Object plain() throws Exception {
                        Thread.sleep(1);
                        return null;
                    }
                }
                """.formatted(statement));
        return w.diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.WARNING).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Thread.sleep(10);                                              | Thread.sleep   | Asyncio.sleep",
        "r = ((java.util.concurrent.Future<?>) in).get();              | Future.get     | Asyncio.toThread",
        "r = ((CompletableFuture<?>) in).get(1, TimeUnit.SECONDS);      | CompletableFuture.get | Await.on(stage)",
        "r = ((CompletableFuture<?>) in).join();                        | CompletableFuture.join | Await.on(future)",
        "r = HttpClient.newHttpClient().send(null, HttpResponse.BodyHandlers.ofString()); | HttpClient.send | sendAsync",
        "r = ((InputStream) in).read();                                 | InputStream.read | Asyncio.toThread",
        "r = ((FileInputStream) in).readAllBytes();                     | FileInputStream.readAllBytes | Asyncio.toThread",
        "r = ((BufferedReader) in).readLine();                          | BufferedReader.readLine | Asyncio.toThread",
        "r = ((java.sql.PreparedStatement) in).executeQuery();          | PreparedStatement.executeQuery | JDBC",
        "r = java.sql.DriverManager.getConnection(\"jdbc:x\");         | DriverManager.getConnection | JDBC",
        "r = ((BlockingQueue<?>) in).take();                            | BlockingQueue.take | dev.weft.Queue",
        "((CountDownLatch) in).await();                                 | CountDownLatch.await | dev.weft.Event",
        "in.wait();                                                     | Object.wait | dev.weft.Event",
    })
    void blockingCallIsReportedAtItsLine(String statement, String call, String advice) {
        List<Diagnostic> warnings = warningsFor(statement);
        assertEquals(1, warnings.size(), () -> "expected one warning, got " + warnings);
        Diagnostic d = warnings.get(0);
        assertEquals("f", d.method());
        assertEquals("Blocking.java", d.sourceFile());
        assertEquals(9, d.line());
        assertTrue(d.message().startsWith(call + " blocks the event loop"), d::format);
        assertTrue(d.message().contains(advice), d::format);
    }

    @Test
    void inMemoryStreamsPlainMethodsAndLookalikesAreNotReported() {
        assertEquals(List.of(), warningsFor("r = new ByteArrayInputStream(new byte[1]).read() + new StringReader(\"x\").read();"
                + " r = Asyncio.wait(java.util.List.<Task<Object>>of(), ReturnWhen.ALL_COMPLETED);"));
    }
}
