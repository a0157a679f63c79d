package dev.weft.it.streams;

import static dev.weft.it.Fixtures.failureOf;
import static dev.weft.it.streams.Net.LOOPBACK;
import static dev.weft.it.streams.Net.bytes;
import static dev.weft.it.streams.Net.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Connection;
import dev.weft.Coroutine;
import dev.weft.Server;
import dev.weft.StreamReader;
import dev.weft.StreamWriter;
import dev.weft.test.SlowStep;
import dev.weft.test.WeftExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** A TLS handshake that stalls aborts its connection after the handshake timeout (asyncio's ssl_handshake_timeout). */
@ExtendWith(WeftExtension.class)
@SlowStep(5) // the first TLS handshake of a JVM loads and initialises JSSE on the loop's thread
@Timeout(30)
class TlsHandshakeTimeoutTest {
    /** The content type of a TLS alert record. */
    private static final byte ALERT = 21;
    /** Made before each test runs its loop: a context's key material takes long to load. */
    private final SSLContext serverContext = Certificates.server();
    private final SSLContext clientContext = Certificates.client();

    TlsHandshakeTimeoutTest() throws Exception {
    }

    /** Mirrors test_ssl.py::TestSSL::test_create_connection_ssl_slow_handshake: a server that never answers the ClientHello. */
    @Test
    @Async
    void aClientGivesUpOnAServerThatNeverAnswers() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Throwable error = Await.on(failureOf(Asyncio.openConnection("localhost", silent.getLocalPort(),
                    clientContext, 0.2)));
            assertInstanceOf(SSLHandshakeException.class, error);
            assertEquals("the TLS handshake took longer than 0.2 seconds: the connection is aborted", error.getMessage());
        }
    }

    @Async
    static Coroutine<Void> neverCalled(StreamReader in, StreamWriter out, AtomicInteger calls) {
        calls.incrementAndGet();
        out.close();
        return Coroutine.done();
    }

    /** A client that connects and sends nothing loses its connection; the handler never runs. */
    @Test
    @Async
    void aServerClosesAConnectionWhoseClientNeverStartsTheHandshake() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (Server server = Await.on(Asyncio.startServer((in, out) -> neverCalled(in, out, calls), LOOPBACK, 0,
                serverContext, 0.2))) {
            byte[] received = Await.on(Asyncio.toThread(() -> {
                try (Socket mute = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
                    return mute.getInputStream().readAllBytes(); // returns once the server closes
                }
            }));
            assertTrue(received.length == 0 || received[0] == ALERT, "nothing but a TLS alert before the close");
            assertEquals(0, calls.get());
        }
    }

    /** The timer is gone once the handshake is done: nothing keeps the loop waiting 60 seconds. */
    @Test
    @Async
    void aCompletedHandshakeLeavesNoTimer() throws Exception {
        try (Server server = Await.on(Asyncio.startServer(PeersTest::echoChunks, LOOPBACK, 0, serverContext))) {
            try (Connection c = Await.on(Asyncio.openConnection("localhost", server.port(), clientContext))) {
                c.writer().write(bytes("ping"));
                assertEquals("ping", text(Await.on(c.reader().readexactly(4))));
                assertEquals(0, Asyncio.getRunningLoop().stats().timers(), "no handshake timer left");
            }
        }
    }

    /** Mirrors test_ssl.py's ssl_handshake_timeout checks: "should be a positive number". */
    @Test
    void aTimeoutThatIsNotPositiveIsRefused() throws Exception {
        for (double bad : new double[] {0, -1, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Asyncio.openConnection("localhost", 443, clientContext, bad));
            assertTrue(e.getMessage().contains("give a positive number of seconds"), e.getMessage());
        }
    }
}
