package dev.framesmith.testsupport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Builds a multipart/form-data body by hand, so tests control every byte of the part headers. */
public final class Multipart {

    private final String boundary = "----framesmith-" + UUID.randomUUID();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    public Multipart field(String name, String value) {
        header("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
        write(value.getBytes(StandardCharsets.UTF_8));
        write("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** A file part; the file name goes into the header as UTF-8 with quotes escaped as browsers do. */
    public Multipart file(String name, String filename, String contentType, byte[] content) {
        header("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename.replace("\"", "%22")
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
        write(content);
        write("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    public Multipart video(String filename, byte[] content) {
        return file("files", filename, "video/mp4", content);
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public byte[] bytes() {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        copy.writeBytes(body.toByteArray());
        copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return copy.toByteArray();
    }

    private void header(String text) {
        write(("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII));
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    private void write(byte[] bytes) {
        body.writeBytes(bytes);
    }
}
