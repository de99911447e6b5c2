package dev.framesmith.video.support;

import dev.framesmith.testsupport.Multipart;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /videos} from a client on a slow line, over a raw socket: the headers and the first bytes of the body
 * go at once, the rest a few bytes at a time; whatever the server answers is read back as text.
 */
public final class SlowUpload implements AutoCloseable {

    private final Socket socket;
    private final byte[] body;
    private final CompletableFuture<String> answer;
    private volatile boolean stopped;

    private SlowUpload(Socket socket, byte[] body) {
        this.socket = socket;
        this.body = body;
        this.answer = CompletableFuture.supplyAsync(this::readAnswer);
    }

    /**
     * Starts the upload: the headers and {@code fastBytes} of the body at once, then {@code bytesPerTick} every
     * {@code tick} until the body is sent, the server answers or the upload is closed.
     */
    public static SlowUpload start(int port, String token, Multipart form, int fastBytes, int bytesPerTick,
            Duration tick) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            byte[] body = form.bytes();
            OutputStream out = socket.getOutputStream();
            out.write(("POST /videos HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: " + form.contentType() + "\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, fastBytes);
            out.flush();
            SlowUpload upload = new SlowUpload(socket, body);
            Thread trickle = new Thread(() -> upload.trickle(fastBytes, bytesPerTick, tick), "slow-upload");
            trickle.setDaemon(true);
            trickle.start();
            return upload;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's answer (status line, headers and body), once it came. */
    public CompletableFuture<String> answer() {
        return answer;
    }

    private void trickle(int from, int bytesPerTick, Duration tick) {
        try {
            OutputStream out = socket.getOutputStream();
            for (int sent = from; sent < body.length && !stopped && !answer.isDone(); sent += bytesPerTick) {
                Thread.sleep(tick.toMillis());
                out.write(body, sent, Math.min(bytesPerTick, body.length - sent));
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // The server closed the connection, or the test is over.
        }
    }

    private String readAnswer() {
        try {
            InputStream in = socket.getInputStream();
            String head = line(in, "\r\n\r\n");
            String lower = head.toLowerCase(Locale.ROOT);
            StringBuilder body = new StringBuilder();
            if (lower.contains("transfer-encoding: chunked")) {
                for (int size; (size = Integer.parseInt(line(in, "\r\n").trim(), 16)) > 0; in.readNBytes(2)) {
                    body.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
                }
            } else {
                int length = head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                        .mapToInt(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).trim()))
                        .findFirst().orElse(0);
                body.append(new String(in.readNBytes(length), StandardCharsets.UTF_8));
            }
            return head + body;
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The text read up to and including {@code end}. */
    private static String line(InputStream in, String end) throws IOException {
        StringBuilder text = new StringBuilder();
        int next;
        while (!text.toString().endsWith(end) && (next = in.read()) >= 0) {
            text.append((char) next);
        }
        return text.toString();
    }

    @Override
    public void close() throws IOException {
        stopped = true;
        socket.close();
    }
}
