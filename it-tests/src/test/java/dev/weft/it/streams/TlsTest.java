package dev.weft.it.streams;

import static dev.weft.it.Fixtures.failureOf;
import static dev.weft.it.streams.Net.LOOPBACK;
import static dev.weft.it.streams.Net.bytes;
import static dev.weft.it.streams.Net.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Connection;
import dev.weft.Coroutine;
import dev.weft.ExceptionContext;
import dev.weft.Server;
import dev.weft.Task;
import dev.weft.test.WeftExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** TLS streams over SSLEngine on the loop thread, against Weft and against the JDK's SSLSocket. */
@ExtendWith(WeftExtension.class)
@Timeout(60)
class TlsTest {

    /** keytool makes the certificate in a JVM of its own: before the tests, not in a step of their loops. */
    @BeforeAll
    static void makeTheCertificate() throws Exception {
        Certificates.client();
    }

    @Test
    @Async
    void tlsRoundTrip() throws Exception {
        SSLContext serverContext = Certificates.server();
        SSLContext clientContext = Certificates.client();
        byte[] big = new byte[2 << 20];
        new Random(11).nextBytes(big);
        List<ExceptionContext> messages = Net.recordErrors(Asyncio.getRunningLoop());
        Server server = Await.on(Asyncio.startServer(PeersTest::echoChunks, LOOPBACK, 0, serverContext));
        try (Connection c = Await.on(Asyncio.openConnection("localhost", server.port(), clientContext))) {
            SSLSession session = (SSLSession) c.writer().getExtraInfo("sslsession");
            assertNotNull(session);
            assertEquals("TLSv1.3", session.getProtocol());
            assertFalse(c.writer().canWriteEof());
            assertThrows(UnsupportedOperationException.class, c.writer()::writeEof);
            Task<byte[]> echoed = Asyncio.createTask(c.reader().readexactly(big.length));
            c.writer().write(big);
            Await.on(c.writer().drain());
            assertArrayEquals(big, Await.on(echoed));
        }
        server.close();
        Await.on(server.waitClosed());
        assertEquals(List.of(), messages);
    }

    @Test // An untrusted certificate fails the handshake with the JDK's SSLException
    @Async
    void untrustedCertificate() throws Exception {
        SSLContext serverContext = Certificates.server();
        SSLContext trustsNothingOfOurs = SSLContext.getInstance("TLS");
        trustsNothingOfOurs.init(null, null, null);
        Server server = Await.on(Asyncio.startServer(PeersTest::echoChunks, LOOPBACK, 0, serverContext));
        Throwable error = Await.on(failureOf(Asyncio.openConnection("localhost", server.port(), trustsNothingOfOurs)));
        assertInstanceOf(SSLException.class, error);
        server.close();
        Await.on(Asyncio.waitFor(server.waitClosed(), 5));
    }

    @Test // A plain client talking to a TLS server: the client sees the connection end; the server goes on
    @Async
    void plainClientToTlsServer() throws Exception {
        SSLContext serverContext = Certificates.server();
        SSLContext clientContext = Certificates.client();
        Server server = Await.on(Asyncio.startServer(StreamsTest::echoLines, LOOPBACK, 0, serverContext));
        try (Connection plain = Await.on(Asyncio.openConnection(LOOPBACK, server.port()))) {
            plain.writer().write(bytes("GET / HTTP/1.0\r\n\r\n"));
            Await.on(Asyncio.waitFor(plain.reader().read(-1), 5));
        } catch (IOException expected) {
            // A reset is as good as an end here.
        }
        try (Connection c = Await.on(Asyncio.openConnection("127.0.0.1", server.port(), clientContext))) {
            c.writer().write(bytes("still serving\n"));
            assertEquals("still serving\n", text(Await.on(c.reader().readline())));
        }
        server.close();
    }

    @Test // Mirrors test_streams.StreamTests.test_start_tls: plain first, then TLS on the same connection
    @Async
    void startTls() throws Exception {
        SSLContext serverContext = Certificates.server();
        SSLContext clientContext = Certificates.client();
        Server server = Await.on(Asyncio.startServer((in, out) -> {
            out.write(Await.on(in.readline()));
            Await.on(out.drain());
            assertNull(out.getExtraInfo("sslsession"));
            Await.on(out.startTls(serverContext));
            assertNotNull(out.getExtraInfo("sslsession"));
            out.write(Await.on(in.readline()));
            Await.on(out.drain());
            out.close();
            Await.on(out.waitClosed());
            return Coroutine.done();
        }, LOOPBACK, 0));
        Connection c = Await.on(Asyncio.openConnection(LOOPBACK, server.port()));
        c.writer().write(bytes("hello world 1!\n"));
        Await.on(c.writer().drain());
        assertEquals("hello world 1!\n", text(Await.on(c.reader().readline())));
        assertNull(c.writer().getExtraInfo("sslsession"));
        Await.on(c.writer().startTls(clientContext));
        assertNotNull(c.writer().getExtraInfo("sslsession"));
        c.writer().write(bytes("hello world 2!\n"));
        Await.on(c.writer().drain());
        assertEquals("hello world 2!\n", text(Await.on(c.reader().readline())));
        c.writer().close();
        Await.on(c.writer().waitClosed());
        server.close();
        Await.on(server.waitClosed());
    }

    @Test
    @Async
    void jdkSslSocketTalksToAWeftTlsServer() throws Exception {
        SSLContext serverContext = Certificates.server();
        SSLContext clientContext = Certificates.client();
        Server server = Await.on(Asyncio.startServer(StreamsTest::echoLines, LOOPBACK, 0, serverContext));
        int port = server.port();
        String answer = Await.on(Asyncio.toThread(() -> {
            try (SSLSocket s = (SSLSocket) clientContext.getSocketFactory().createSocket("localhost", port)) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write(bytes("over TLS\n"));
                s.getOutputStream().flush();
                return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
            }
        }));
        assertEquals("over TLS", answer);
        server.close();
    }

    @Test
    @Async
    void weftTlsClientTalksToAJdkSslServerSocket() throws Exception {
        SSLContext serverContext = Certificates.server();
        SSLContext clientContext = Certificates.client();
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
                    s.getOutputStream().write(bytes(line.toUpperCase() + "\n"));
                    s.getOutputStream().flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try (Connection c = Await.on(Asyncio.openConnection("localhost", listener.getLocalPort(), clientContext))) {
                c.writer().write(bytes("quietly\n"));
                assertEquals("QUIETLY\n", text(Await.on(c.reader().readline())));
                assertEquals(0, Await.on(c.reader().read(-1)).length);
            }
            Await.on(peer);
        }
    }
}
