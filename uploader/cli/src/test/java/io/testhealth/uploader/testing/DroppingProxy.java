package io.testhealth.uploader.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * An HTTP/1.1 relay in front of the collector that records every request and, for the first {@code drops} of them,
 * forwards the request whole (the collector stores it) and then closes the client's connection instead of relaying
 * the answer: the client sees a dropped connection after its upload was counted, the case a retry must not count
 * twice. Before those, the first {@code unavailable} requests are answered {@code 503} with {@code Retry-After: 0}
 * and not forwarded, as a collector behind a load balancer answers while it restarts.
 */
public final class DroppingProxy implements AutoCloseable {

    /** A request as it went through: request line, headers (lower-case names) and body. */
    public record Seen(String requestLine, List<String> headers, byte[] body, boolean dropped) {
        public String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(h -> h.substring(prefix.length()).strip()).findFirst().orElse(null);
        }
    }

    private final ServerSocket server;
    private final int target;
    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private int drops;
    private int unavailable;
    private final Thread thread;

    public DroppingProxy(int targetPort, int drops) throws IOException {
        this(targetPort, 0, drops);
    }

    public DroppingProxy(int targetPort, int unavailable, int drops) throws IOException {
        this.unavailable = unavailable;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = targetPort;
        this.drops = drops;
        this.thread = new Thread(this::serve, "dropping-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                relay(client);
            } catch (IOException e) {
                // the next connection, or closed
            }
        }
    }

    private void relay(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        List<String> headers = new ArrayList<>();
        int length = 0;
        for (int i = 1; i < lines.length; i++) {
            String h = lines[i];
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Integer.parseInt(h.substring(h.indexOf(':') + 1).strip());
            }
            if (!lower.startsWith("connection:") && !lower.startsWith("upgrade:") && !lower.startsWith("http2-settings:")) {
                headers.add(h);
            }
        }
        byte[] body = in.readNBytes(length);
        boolean drop;
        synchronized (this) {
            if (unavailable > 0) {
                unavailable--;
                seen.add(new Seen(lines[0], List.copyOf(headers), body, false));
                client.getOutputStream().write(("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 0\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                client.getOutputStream().flush();
                return;
            }
            drop = drops > 0;
            if (drop) {
                drops--;
            }
        }
        seen.add(new Seen(lines[0], List.copyOf(headers), body, drop));
        byte[] answer;
        try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target)) {
            OutputStream up = upstream.getOutputStream();
            StringBuilder h = new StringBuilder(lines[0]).append("\r\n");
            headers.forEach(x -> h.append(x).append("\r\n"));
            h.append("Connection: close\r\n\r\n");
            up.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
            up.write(body);
            up.flush();
            answer = upstream.getInputStream().readAllBytes();
        }
        if (drop) {
            client.setSoLinger(true, 0); // a reset, as a broken network gives
            return;
        }
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        StringBuilder out = new StringBuilder();
        for (String l : text.substring(0, end).split("\r\n")) {
            if (!l.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                out.append(l).append("\r\n");
            }
        }
        out.append("Connection: close\r\n\r\n");
        OutputStream o = client.getOutputStream();
        o.write(out.toString().getBytes(StandardCharsets.ISO_8859_1));
        o.write(answer, end + 4, answer.length - end - 4);
        o.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("closed before the request head ended");
            }
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3)) ? state + 1 : (c == '\r' ? 1 : 0);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
