package dev.framesmith.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.worker.config.WorkerPropertiesFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkDirectoryTest {

    @TempDir
    Path root;

    @Test
    void givesEachJobItsOwnDirectoryAndRemovesEverythingOnStop() throws IOException {
        WorkDirectory work = new WorkDirectory(WorkerPropertiesFixture.with(Map.of("work-dir", root.toString())));
        Path first = work.newJobDirectory();
        Path second = work.newJobDirectory();
        Files.writeString(first.resolve("source"), "bytes");

        assertThat(first).isDirectory().isNotEqualTo(second);
        assertThat(first.getParent()).isEqualTo(work.instance());

        work.destroy();

        assertThat(work.instance()).doesNotExist();
    }

    @Test
    void removesWhatDeadWorkersLeftButNotWhatLiveOnesUse() throws IOException {
        Path abandoned = Files.createDirectories(root.resolve("instance-dead/job-1"));
        Files.writeString(abandoned.getParent().resolve(".lock"), "");
        Files.writeString(abandoned.resolve("source"), "bytes");
        Path halfCreated = Files.createDirectories(root.resolve("instance-old"));
        Files.setLastModifiedTime(halfCreated, FileTime.from(Instant.now().minusSeconds(3600)));
        WorkDirectory alive = new WorkDirectory(WorkerPropertiesFixture.with(Map.of("work-dir", root.toString())));
        Path running = alive.newJobDirectory();

        WorkDirectory next = new WorkDirectory(WorkerPropertiesFixture.with(Map.of("work-dir", root.toString())));

        assertThat(root.resolve("instance-dead")).doesNotExist();
        assertThat(halfCreated).doesNotExist();
        assertThat(running).isDirectory();
        alive.destroy();
        next.destroy();
    }
}
