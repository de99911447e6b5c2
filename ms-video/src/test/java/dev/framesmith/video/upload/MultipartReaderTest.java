package dev.framesmith.video.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartReaderTest {

    private static final String BOUNDARY = "------------------------d74496d66958873e";
    private static final int MAX_HEADER = 16 * 1024;

    private record Read(String name, String filename, byte[] content) {
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 13, 4096, 100_000})
    void everyPartComesOutAsItWentInWhateverTheReadSizes(int chunk) throws IOException {
        byte[] video = hostileContent(300_000, 1);
        byte[] body = concat(
                "preamble to ignore\r\n--" + BOUNDARY + "\r\n"
                        + "Content-Disposition: form-data; name=\"fps\"\r\n\r\n0.5\r\n",
                "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"clip.mp4\"\r\n"
                        + "Content-Type: video/mp4\r\n\r\n",
                video,
                "\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"empty.mp4\"\r\n"
                        + "\r\n\r\n--" + BOUNDARY + "--\r\nepilogue to ignore");

        List<Read> parts = readAll(new Trickle(body, chunk), 1 + chunk % 5000);

        assertThat(parts).hasSize(3);
        assertThat(parts.get(0).name()).isEqualTo("fps");
        assertThat(parts.get(0).filename()).isNull();
        assertThat(new String(parts.get(0).content(), StandardCharsets.UTF_8)).isEqualTo("0.5");
        assertThat(parts.get(1).name()).isEqualTo("files");
        assertThat(parts.get(1).filename()).isEqualTo("clip.mp4");
        assertThat(parts.get(1).content()).isEqualTo(video);
        assertThat(parts.get(2).filename()).isEqualTo("empty.mp4");
        assertThat(parts.get(2).content()).isEmpty();
    }

    @Test
    void contentFullOfAlmostDelimitersIsKeptWhole() throws IOException {
        StringBuilder near = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            near.append("\r\n--").append(BOUNDARY, 0, i % BOUNDARY.length()).append("\r\r\n-");
        }
        byte[] content = near.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] body = concat("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a\"\r\n\r\n",
                content, "\r\n--" + BOUNDARY + "--");

        List<Read> parts = readAll(new Trickle(body, 999), 777);

        assertThat(parts).singleElement().satisfies(part -> assertThat(part.content()).isEqualTo(content));
    }

    @Test
    void partsLeftUnreadAreSkipped() throws IOException {
        byte[] body = concat("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a\"\r\n\r\n",
                hostileContent(200_000, 2),
                "\r\n--" + BOUNDARY + "  \t\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\npng\r\n--"
                        + BOUNDARY + "--");
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(body), BOUNDARY, MAX_HEADER);

        MultipartReader.Part first = reader.next();
        assertThat(first.content().read(new byte[10])).isEqualTo(10);
        MultipartReader.Part second = reader.next();

        assertThat(first.content().read()).isEqualTo(-1);
        assertThat(second.name()).isEqualTo("format");
        assertThat(second.content().readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("png");
        assertThat(reader.next()).isNull();
        assertThat(reader.next()).isNull();
    }

    @Test
    void fileNamesAreReadAsBrowsersAndCurlSendThem() throws IOException {
        assertThat(fileName("filename=\"holiday \\\"best\\\".mp4\"")).isEqualTo("holiday \"best\".mp4");
        assertThat(fileName("filename=\"été.mp4\"")).isEqualTo("été.mp4");
        assertThat(fileName("filename=\"fallback.mp4\"; filename*=UTF-8''%C3%A9t%C3%A9+1.mp4"))
                .isEqualTo("été+1.mp4");
        assertThat(fileName("filename=plain.mp4")).isEqualTo("plain.mp4");
        assertThat(fileName("filename=\"\"")).isEmpty();
        assertThat(fileName("FileName=\"upper.mp4\"")).isEqualTo("upper.mp4");
    }

    @Test
    void aPartThatIsNotFormDataHasNoName() throws IOException {
        byte[] body = concat("--" + BOUNDARY + "\r\nContent-Disposition: attachment; name=\"files\"\r\n\r\nx\r\n--"
                + BOUNDARY + "\r\n\r\ny\r\n--" + BOUNDARY + "--");
        List<Read> parts = readAll(new ByteArrayInputStream(body), 100);

        assertThat(parts).extracting(Read::name).containsExactly(null, null);
    }

    @Test
    void theBoundaryComesFromAFormDataContentTypeOnly() {
        assertThat(MultipartReader.boundary("multipart/form-data; boundary=" + BOUNDARY)).isEqualTo(BOUNDARY);
        assertThat(MultipartReader.boundary("Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a b;c\""))
                .isEqualTo("a b;c");
        assertThat(MultipartReader.boundary("multipart/form-data")).isNull();
        assertThat(MultipartReader.boundary("application/json; boundary=x")).isNull();
        assertThat(MultipartReader.boundary(null)).isNull();
    }

    @Test
    void aBodyItCannotReadIsRefusedAsUnreadable() {
        assertThatThrownBy(() -> new MultipartReader(InputStream.nullInputStream(), null, MAX_HEADER))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(concat("no boundary at all")), 10))
                .isInstanceOf(IOException.class).hasMessageContaining("ended before its next boundary");
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(concat("--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"files\"\r\n\r\ncut short")), 10))
                .isInstanceOf(IOException.class).hasMessageContaining("ended inside a part");
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(concat("--" + BOUNDARY + "garbage\r\n")), 10))
                .isInstanceOf(IOException.class).hasMessageContaining("line end");
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(concat("--" + BOUNDARY
                + "\r\nX-Long: " + "a".repeat(MAX_HEADER) + "\r\n\r\nx\r\n--" + BOUNDARY + "--")), 10))
                .isInstanceOf(IOException.class).hasMessageContaining("headers are longer");
        assertThatThrownBy(() -> readAll(new ByteArrayInputStream(concat("--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name\r\n\r\nx\r\n--" + BOUNDARY + "--")), 10))
                .isInstanceOf(IOException.class).hasMessageContaining("Content-Disposition cannot be read");
    }

    private static String fileName(String parameter) throws IOException {
        byte[] body = concat("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"files\"; " + parameter
                + "\r\n\r\nx\r\n--" + BOUNDARY + "--");
        return readAll(new ByteArrayInputStream(body), 10).get(0).filename();
    }

    private static List<Read> readAll(InputStream body, int readSize) throws IOException {
        MultipartReader reader = new MultipartReader(body, BOUNDARY, MAX_HEADER);
        List<Read> parts = new ArrayList<>();
        for (MultipartReader.Part part = reader.next(); part != null; part = reader.next()) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            byte[] chunk = new byte[readSize];
            for (int n = part.content().read(chunk); n >= 0; n = part.content().read(chunk)) {
                content.write(chunk, 0, n);
            }
            parts.add(new Read(part.name(), part.filename(), content.toByteArray()));
        }
        return parts;
    }

    /** Random bytes sprinkled with CRs, line ends and starts of the delimiter. */
    private static byte[] hostileContent(int size, long seed) {
        Random random = new Random(seed);
        byte[] content = new byte[size];
        random.nextBytes(content);
        byte[] prefix = ("\r\n--" + BOUNDARY).getBytes(StandardCharsets.ISO_8859_1);
        for (int at = random.nextInt(500); at + prefix.length < size; at += 1 + random.nextInt(2000)) {
            System.arraycopy(prefix, 0, content, at, 1 + random.nextInt(prefix.length - 1));
        }
        return content;
    }

    private static byte[] concat(Object... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object piece : pieces) {
            out.writeBytes(piece instanceof byte[] bytes ? bytes : piece.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** A body that arrives at most {@code chunk} bytes per read. */
    private static final class Trickle extends InputStream {

        private final ByteArrayInputStream in;
        private final int chunk;

        Trickle(byte[] body, int chunk) {
            this.in = new ByteArrayInputStream(body);
            this.chunk = chunk;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            return in.read(target, offset, Math.min(length, chunk));
        }
    }
}
