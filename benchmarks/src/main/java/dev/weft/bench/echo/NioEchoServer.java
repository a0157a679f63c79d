package dev.weft.bench.echo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

/**
 * The JVM's limit for the echo benchmark: a hand-written single-thread NIO echo server. One
 * selector, one direct buffer per connection; whatever arrives is written back, and a connection
 * whose peer does not take it all waits for writability before reading more.
 * Usage: {@code NioEchoServer [port [controlPort]]}.
 */
public final class NioEchoServer {
    private NioEchoServer() {
    }

    public static void main(String[] args) throws IOException {
        int[] ports = EchoStats.ports(args);
        EchoStats.serve(ports[1]);
        Selector selector = Selector.open();
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports[0]), 1024);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        System.out.println("nio echo server on " + ports[0]);
        for (;;) {
            selector.select();
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                if (!key.isValid()) {
                    continue;
                }
                if (key.isAcceptable()) {
                    SocketChannel ch = server.accept();
                    if (ch != null) {
                        ch.configureBlocking(false);
                        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                        ch.register(selector, SelectionKey.OP_READ, ByteBuffer.allocateDirect(16 * 1024));
                    }
                    continue;
                }
                serve(key);
            }
        }
    }

    private static void serve(SelectionKey key) {
        SocketChannel ch = (SocketChannel) key.channel();
        ByteBuffer buffer = (ByteBuffer) key.attachment();
        try {
            if (key.isReadable()) {
                if (ch.read(buffer) < 0) {
                    key.cancel();
                    ch.close();
                    return;
                }
            }
            buffer.flip();
            ch.write(buffer);
            buffer.compact();
            // Read again only once everything read has been written back.
            key.interestOps(buffer.position() > 0 ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        } catch (IOException e) {
            key.cancel();
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing a failed connection: nothing more to do
            }
        }
    }
}
