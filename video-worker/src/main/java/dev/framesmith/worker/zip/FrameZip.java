package dev.framesmith.worker.zip;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes frames into a ZIP with STORED entries (pictures are already compressed), named after the
 * files and in the given order. Each file is streamed twice (checksum, then copy), never held in memory.
 */
public final class FrameZip {

    private static final int BUFFER = 64 * 1024;

    private FrameZip() {
    }

    /** Writes the archive and returns its size in bytes. */
    public static long write(List<Path> frames, Path zip) {
        try (OutputStream file = Files.newOutputStream(zip);
                ZipOutputStream out = new ZipOutputStream(new BufferedOutputStream(file, BUFFER))) {
            out.setMethod(ZipOutputStream.STORED);
            byte[] buffer = new byte[BUFFER];
            for (Path frame : frames) {
                ZipEntry entry = new ZipEntry(frame.getFileName().toString());
                long size = Files.size(frame);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(size);
                entry.setCompressedSize(size);
                entry.setCrc(crc(frame, buffer));
                entry.setLastModifiedTime(FileTime.from(Files.getLastModifiedTime(frame).toInstant()));
                out.putNextEntry(entry);
                try (InputStream in = Files.newInputStream(frame)) {
                    copy(in, out, buffer);
                }
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + zip, e);
        }
        try {
            return Files.size(zip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long crc(Path frame, byte[] buffer) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream in = Files.newInputStream(frame)) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                crc.update(buffer, 0, read);
            }
        }
        return crc.getValue();
    }

    private static void copy(InputStream in, OutputStream out, byte[] buffer) throws IOException {
        int read;
        while ((read = in.read(buffer)) != -1) {
            out.write(buffer, 0, read);
        }
    }
}
