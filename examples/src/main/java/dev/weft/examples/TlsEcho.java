package dev.weft.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.weft.Async;
import dev.weft.Asyncio;
import dev.weft.Await;
import dev.weft.Connection;
import dev.weft.Coroutine;
import dev.weft.Server;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;

/**
 * A TLS round trip: a server with a freshly made self-signed certificate for localhost, and a
 * client that trusts exactly that certificate ({@code start_server(..., ssl=...)} and
 * {@code open_connection(..., ssl=...)}). The handshake runs on the loop thread with SSLEngine.
 */
public final class TlsEcho {
    private static final char[] PASSWORD = "example".toCharArray();

    private TlsEcho() {
    }

    /** The negotiated protocol, the peer's certificate subject and the echoed text. */
    public record Report(String protocol, String peer, String echoed) {
    }

    /** A key store holding a new self-signed certificate for localhost, made with the JDK's keytool. */
    static KeyStore selfSigned() throws IOException, InterruptedException, java.security.GeneralSecurityException {
        Path dir = Files.createTempDirectory("weft-example-tls");
        Path file = dir.resolve("localhost.p12");
        try {
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "localhost", "-keyalg", "EC", "-dname", "CN=localhost",
                    "-ext", "SAN=dns:localhost", "-validity", "1", "-keystore", file.toString(), "-storetype", "PKCS12",
                    "-storepass", new String(PASSWORD)).redirectErrorStream(true).start();
            keytool.getInputStream().transferTo(OutputSink.INSTANCE);
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IOException("keytool could not make a certificate");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, PASSWORD);
            }
            return store;
        } finally {
            Files.deleteIfExists(file);
            Files.delete(dir);
        }
    }

    /** Swallows keytool's chatter. */
    private static final class OutputSink extends java.io.OutputStream {
        static final OutputSink INSTANCE = new OutputSink();

        @Override
        public void write(int b) {
        }
    }

    public static Report run() throws Exception {
        KeyStore store = selfSigned();
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, trust.getTrustManagers(), null);
        return Asyncio.run(roundTrip(serverContext, clientContext));
    }

    @Async
    static Coroutine<Report> roundTrip(SSLContext serverContext, SSLContext clientContext) throws IOException {
        try (Server server = Await.on(Asyncio.startServer(Echo::handle, "127.0.0.1", 0, serverContext))) {
            try (Connection c = Await.on(Asyncio.openConnection("localhost", server.port(), clientContext))) {
                c.writer().write("secret handshake\n".getBytes(UTF_8));
                String echoed = new String(Await.on(c.reader().readline()), UTF_8).strip();
                SSLSession session = (SSLSession) c.writer().getExtraInfo("sslsession");
                String peer = session.getPeerPrincipal().getName();
                System.out.println("  " + session.getProtocol() + " with " + peer + ": sent and got back \"" + echoed + "\"");
                return Coroutine.of(new Report(session.getProtocol(), peer, echoed));
            }
        }
    }
}
