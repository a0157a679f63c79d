package dev.weft;

import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * What a TLS connection is made with: the context, and how long its handshake may take before the
 * connection is aborted (asyncio's {@code ssl_handshake_timeout}, 60 seconds by default).
 */
record TlsSetup(SSLContext context, double handshakeTimeout) {
    /** asyncio's {@code constants.SSL_HANDSHAKE_TIMEOUT}. */
    static final double DEFAULT_HANDSHAKE_TIMEOUT = 60.0;

    TlsSetup {
        Objects.requireNonNull(context, "the SSLContext");
        if (!(handshakeTimeout > 0)) {
            throw new IllegalArgumentException("a TLS handshake timeout of " + handshakeTimeout
                    + ": give a positive number of seconds, or Double.POSITIVE_INFINITY for none");
        }
    }

    /** {@code context} with the default handshake timeout. */
    static TlsSetup of(SSLContext context) {
        return new TlsSetup(context, DEFAULT_HANDSHAKE_TIMEOUT);
    }
}
