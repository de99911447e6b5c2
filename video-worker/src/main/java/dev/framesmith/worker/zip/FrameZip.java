package dev.framesmith.worker.zip;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A ZIP of frames written one frame at a time, with STORED entries (pictures are already compressed) named after
 * the files, in the order they are added. Each file is streamed twice (checksum, then copy), never held in memory,
 * and can be deleted once added, so frames never pile up beside the archive.
 */
public final class FrameZip implements AutoCloseable {

    private static final int BUFFER = 64 * 1024;

    private final Path path;
    private final CountingStream counter;
    private final ZipOutputStream out;
    private final byte[] buffer = new byte[BUFFER];
    private int entries;

    private FrameZip(Path path) throws IOException {
        this.path = path;
        this.counter = new CountingStream(new BufferedOutputStream(Files.newOutputStream(path), BUFFER));
        this.out = new ZipOutputStream(counter);
        out.setMethod(ZipOutputStream.STORED);
    }

    public static FrameZip create(Path zip) {
        try {
            return new FrameZip(zip);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + zip, e);
        }
    }

    /** Appends the file as an entry named after it. */
    public void add(Path frame) {
        try {
            ZipEntry entry = new ZipEntry(frame.getFileName().toString());
            long size = Files.size(frame);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(size);
            entry.setCompressedSize(size);
            entry.setCrc(crc(frame));
            entry.setLastModifiedTime(FileTime.from(Files.getLastModifiedTime(frame).toInstant()));
            out.putNextEntry(entry);
            try (InputStream in = Files.newInputStream(frame)) {
                int read;
                while ((read = in.read(buffer)) != -1) {
                    out.write(buffer, 0, read);
                }
            }
            out.closeEntry();
            entries++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add " + frame + " to " + path, e);
        }
    }

    public int entries() {
        return entries;
    }

    /** Bytes written to the archive so far (entries added, without the closing directory). */
    public long bytes() {
        return counter.count;
    }

    /** Writes the central directory and returns the archive's size. */
    public long finish() {
        try {
            out.close();
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish " + path, e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + path, e);
        }
    }

    private long crc(Path frame) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream in = Files.newInputStream(frame)) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                crc.update(buffer, 0, read);
            }
        }
        return crc.getValue();
    }

    private static final class CountingStream extends FilterOutputStream {

        private long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            count += length;
        }
    }
}
