package dev.weft.bench.echo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The echo benchmark's virtual-thread server: blocking sockets, a virtual thread per connection,
 * run with {@code -Djdk.virtualThreadScheduler.parallelism=1 -Djdk.virtualThreadScheduler.maxPoolSize=1}
 * so that all of them share one carrier (JDK 21+ only).
 * Usage: {@code VirtualThreadEchoServer [port [controlPort]]}.
 */
public final class VirtualThreadEchoServer {
    private VirtualThreadEchoServer() {
    }

    public static void main(String[] args) throws Exception {
        int[] ports = EchoStats.ports(args);
        EchoStats.serve(ports[1]);
        ServerSocket server = new ServerSocket(ports[0], 1024, InetAddress.getLoopbackAddress());
        System.out.println("virtual-thread echo server on " + ports[0]);
        Thread acceptor = Thread.ofVirtual().start(() -> {
            for (;;) {
                try {
                    Socket s = server.accept();
                    s.setTcpNoDelay(true);
                    Thread.ofVirtual().start(() -> echo(s));
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.join();
    }

    private static void echo(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // the peer went away: the connection ends
        }
    }
}
