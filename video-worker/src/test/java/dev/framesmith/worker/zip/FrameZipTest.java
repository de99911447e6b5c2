package dev.framesmith.worker.zip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameZipTest {

    @TempDir
    Path dir;

    @Test
    void storesEveryFileUncompressedInTheGivenOrder() throws IOException {
        Random random = new Random(42);
        List<Path> frames = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            byte[] content = new byte[100_000 * i];
            random.nextBytes(content);
            frames.add(Files.write(dir.resolve(String.format("frame_%05d.jpg", i)), content));
        }
        Path zip = dir.resolve("frames.zip");

        long size;
        try (FrameZip archive = FrameZip.create(zip)) {
            frames.forEach(archive::add);
            assertThat(archive.entries()).isEqualTo(3);
            size = archive.finish();
        }

        assertThat(size).isEqualTo(Files.size(zip));
        try (ZipFile file = new ZipFile(zip.toFile())) {
            List<? extends ZipEntry> entries = file.stream().toList();
            assertThat(entries).extracting(ZipEntry::getName)
                    .containsExactly("frame_00001.jpg", "frame_00002.jpg", "frame_00003.jpg");
            for (int i = 0; i < entries.size(); i++) {
                ZipEntry entry = entries.get(i);
                byte[] expected = Files.readAllBytes(frames.get(i));
                CRC32 crc = new CRC32();
                crc.update(expected);
                assertThat(entry.getMethod()).isEqualTo(ZipEntry.STORED);
                assertThat(entry.getSize()).isEqualTo(expected.length);
                assertThat(entry.getCompressedSize()).isEqualTo(expected.length);
                assertThat(entry.getCrc()).isEqualTo(crc.getValue());
                assertThat(file.getInputStream(entry).readAllBytes()).isEqualTo(expected);
            }
        }
    }
}
