package dev.framesmith.video.upload;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * A {@code multipart/form-data} body (RFC 7578, RFC 2046 section 5.1) read part by part, each part's content
 * streamed through one buffer. The delimiter ({@code CRLF--boundary}) is found by scanning for its CR eight bytes
 * at a time and comparing at each CR: a boundary holds no CR (it comes from a header), so each byte is looked at a
 * bounded number of times whatever the body contains.
 */
final class MultipartReader {

    /**
     * A part: its {@code Content-Disposition} name and file name (read by Spring's {@link ContentDisposition};
     * {@code null} when absent), and its content.
     */
    record Part(String name, String filename, InputStream content) {
    }

    private static final int BUFFER_BYTES = 64 * 1024;
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final long CRS = 0x0D0D0D0D0D0D0D0DL;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);

    private final InputStream in;
    private final byte[] delimiter;
    private final int maxHeaderBytes;
    private final byte[] buffer;
    private int start;
    private int end;
    private boolean eof;
    /** Where the search for the next delimiter goes on: bytes before it hold none. */
    private int searchFrom;
    private PartContent current;
    private boolean finished;

    /**
     * @param boundary       the {@code boundary} parameter of the request's content type
     * @param maxHeaderBytes the most a part's header block may take
     */
    MultipartReader(InputStream in, String boundary, int maxHeaderBytes) throws IOException {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 200
                || boundary.indexOf('\r') >= 0 || boundary.indexOf('\n') >= 0) {
            throw new IOException("no usable multipart boundary");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.maxHeaderBytes = maxHeaderBytes;
        this.buffer = new byte[Math.max(BUFFER_BYTES, 4 * (maxHeaderBytes + delimiter.length))];
        // the first delimiter has no CRLF before it: one is put in front of the body, so that every delimiter is
        // found the same way and the preamble is whatever comes before it
        buffer[0] = CR;
        buffer[1] = LF;
        end = 2;
    }

    /** The boundary of a {@code multipart/form-data} content type, {@code null} when it has none. */
    static String boundary(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            String boundary = type.isCompatibleWith(MediaType.MULTIPART_FORM_DATA)
                    ? type.getParameter("boundary")
                    : null;
            return boundary != null && boundary.length() > 1 && boundary.startsWith("\"") && boundary.endsWith("\"")
                    ? boundary.substring(1, boundary.length() - 1)
                    : boundary;
        } catch (InvalidMediaTypeException e) {
            return null;
        }
    }

    /**
     * The next part, its content positioned at its first byte; {@code null} after the last one. What the caller
     * left unread of the previous part is skipped.
     */
    Part next() throws IOException {
        if (finished) {
            return null;
        }
        // what is left of the previous part is skipped; its stream reads nothing more
        current = null;
        skipToDelimiter();
        consume(delimiter.length);
        if (startsWith("--")) {
            finished = true;
            return null;
        }
        skipLinearWhite();
        expectLineEnd();
        Map<String, String> headers = readHeaders();
        String value = headers.get("content-disposition");
        ContentDisposition disposition;
        try {
            disposition = value == null ? ContentDisposition.empty() : ContentDisposition.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IOException("a part's Content-Disposition cannot be read", e);
        }
        current = new PartContent();
        return new Part(disposition.isFormData() ? disposition.getName() : null, disposition.getFilename(), current);
    }

    private void skipToDelimiter() throws IOException {
        while (true) {
            int at = findDelimiter();
            if (at >= 0) {
                start = at;
                return;
            }
            start = Math.max(start, end - delimiter.length + 1);
            if (!fill()) {
                throw new IOException("the multipart body ended before its next boundary");
            }
        }
    }

    /** The next delimiter at or after {@code start} within the buffer, or -1 (the search resumes where it left). */
    private int findDelimiter() {
        int from = Math.max(start, searchFrom);
        int last = end - delimiter.length;
        while (from <= last) {
            int cr = nextCr(from, last);
            if (cr < 0) {
                break;
            }
            if (Arrays.equals(buffer, cr, cr + delimiter.length, delimiter, 0, delimiter.length)) {
                searchFrom = cr;
                return cr;
            }
            from = cr + 1;
        }
        searchFrom = Math.max(start, last + 1);
        return -1;
    }

    /** The first CR in {@code buffer[from..last]}, or -1. */
    private int nextCr(int from, int last) {
        int i = from;
        for (; i + Long.BYTES <= last + 1; i += Long.BYTES) {
            long word = (long) LONGS.get(buffer, i) ^ CRS;
            long found = (word - LOW_BITS) & ~word & HIGH_BITS;
            if (found != 0) {
                return i + Long.numberOfTrailingZeros(found) / Byte.SIZE;
            }
        }
        for (; i <= last; i++) {
            if (buffer[i] == CR) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Moves what is left to the buffer's start and reads more after it.
     *
     * @return false at the end of the body
     */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            searchFrom = Math.max(0, searchFrom - start);
            start = 0;
        }
        int read = in.read(buffer, end, buffer.length - end);
        if (read < 0) {
            eof = true;
            return false;
        }
        end += read;
        return true;
    }

    private void require(int bytes) throws IOException {
        while (end - start < bytes) {
            if (!fill()) {
                throw new IOException("the multipart body ended inside a part's headers");
            }
        }
    }

    private void consume(int bytes) throws IOException {
        require(bytes);
        start += bytes;
    }

    private boolean startsWith(String text) throws IOException {
        require(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (buffer[start + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void skipLinearWhite() throws IOException {
        while (true) {
            require(1);
            if (buffer[start] != ' ' && buffer[start] != '\t') {
                return;
            }
            start++;
        }
    }

    private void expectLineEnd() throws IOException {
        if (!startsWith("\r\n")) {
            throw new IOException("a multipart boundary is not followed by a line end");
        }
        start += 2;
    }

    /** The header block up to its empty line, by lower-case name. */
    private Map<String, String> readHeaders() throws IOException {
        int length = 0;
        while (true) {
            require(length + 2);
            if (buffer[start + length] == CR && buffer[start + length + 1] == LF && (length == 0
                    || length >= 2 && buffer[start + length - 2] == CR && buffer[start + length - 1] == LF)) {
                break;
            }
            length++;
            if (length > maxHeaderBytes) {
                throw new IOException("a part's headers are longer than " + maxHeaderBytes + " bytes");
            }
        }
        String block = new String(buffer, start, length, StandardCharsets.UTF_8);
        start += length + 2;
        Map<String, String> headers = new HashMap<>();
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    /** The content of the current part: up to the next delimiter. */
    private final class PartContent extends InputStream {

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (current != this) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            while (true) {
                int at = findDelimiter();
                int available = (at >= 0 ? at : end - delimiter.length + 1) - start;
                if (available > 0) {
                    int count = Math.min(available, length);
                    System.arraycopy(buffer, start, target, offset, count);
                    start += count;
                    return count;
                }
                if (at >= 0) {
                    return -1;
                }
                if (!fill()) {
                    throw new IOException("the multipart body ended inside a part");
                }
            }
        }
    }
}
