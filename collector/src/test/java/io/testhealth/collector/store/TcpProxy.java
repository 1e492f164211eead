package io.testhealth.collector.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP forwarder on a loopback port that a test stops and starts again: a database behind it goes away for the
 * collector (connections cut, new ones refused) and comes back on the same address, while the database itself keeps
 * running for the test's own checks.
 */
public final class TcpProxy implements AutoCloseable {

    /** The server of a JDBC URL: {@code jdbc:postgresql://host:port/...}. */
    private static final Pattern HOST_PORT = Pattern.compile("//([^:/?]+):(\\d+)/");

    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tcp-proxy");
        t.setDaemon(true);
        return t;
    });
    private int port;
    private ServerSocket server;

    /** Starts forwarding a free loopback port to {@code targetHost:targetPort}. */
    public TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        start();
    }

    /** A proxy to the server of {@code jdbcUrl}, which must name its port. */
    public static TcpProxy toServerOf(String jdbcUrl) {
        Matcher m = hostPort(jdbcUrl);
        return new TcpProxy(m.group(1), Integer.parseInt(m.group(2)));
    }

    /** {@code jdbcUrl} with its server replaced by this proxy: what the collector is given instead. */
    public String jdbcUrl(String jdbcUrl) {
        return hostPort(jdbcUrl).replaceFirst("//127.0.0.1:" + port() + "/");
    }

    private static Matcher hostPort(String jdbcUrl) {
        Matcher m = HOST_PORT.matcher(jdbcUrl);
        if (!m.find()) {
            throw new IllegalArgumentException("no host:port/ in " + jdbcUrl);
        }
        return m;
    }

    /** The loopback port clients connect to; the same after a restart. */
    public synchronized int port() {
        return port;
    }

    /** Accepts connections again, on the same port. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", port));
            port = s.getLocalPort();
            server = s;
            threads.execute(() -> accept(s));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    /** Cuts every forwarded connection and refuses new ones until {@link #start()}. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        closeQuietly(server);
        server = null;
        connections.forEach(TcpProxy::closeQuietly);
        connections.clear();
    }

    @Override
    public void close() {
        stop();
        threads.shutdownNow();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                connections.add(client);
                connections.add(upstream);
                threads.execute(() -> pump(client, upstream));
                threads.execute(() -> pump(upstream, client));
            } catch (IOException e) {
                // the server socket was closed by stop(), or the target refused: the client sees its socket closed
            }
        }
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // one side closed: the other is closed below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            connections.remove(from);
            connections.remove(to);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
