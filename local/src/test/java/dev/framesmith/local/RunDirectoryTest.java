package dev.framesmith.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void keepsDataAcrossRunsAndWipesItOnlyWhenAsked() throws IOException {
        try (RunDirectory first = RunDirectory.open(dir, false)) {
            Files.writeString(first.data().resolve("kept.txt"), "data");
            assertThat(first.logs()).isDirectory();
        }
        try (RunDirectory second = RunDirectory.open(dir, false)) {
            assertThat(second.data().resolve("kept.txt")).hasContent("data");
        }
        try (RunDirectory wiped = RunDirectory.open(dir, true)) {
            assertThat(wiped.data()).isEmptyDirectory();
        }
    }

    @Test
    void refusesASecondRunOnTheSameDirectory() {
        try (RunDirectory running = RunDirectory.open(dir, false)) {
            assertThatThrownBy(() -> RunDirectory.open(dir, false))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another local run is using");
        }
        RunDirectory.open(dir, false).close();
    }

    @Test
    void stopsWhatAnEarlierRunThatDiedLeftRunning() throws Exception {
        Process leftover = new ProcessBuilder("sleep", "300").start();
        Process unrelated = new ProcessBuilder("sleep", "300").start();
        try {
            Instant leftoverStart = leftover.toHandle().info().startInstant().orElseThrow();
            Files.write(dir.resolve("run.pids"), List.of(
                    leftover.pid() + "\t" + leftoverStart + "\tms-video",
                    // same pid recorded with another start time: a reused pid, not ours
                    unrelated.pid() + "\t" + Instant.EPOCH + "\tms-auth"), StandardCharsets.UTF_8);

            RunDirectory.open(dir, false).close();

            assertThat(leftover.waitFor(20, TimeUnit.SECONDS)).as("the leftover was stopped").isTrue();
            assertThat(unrelated.isAlive()).as("a process that merely reuses a recorded pid").isTrue();
            assertThat(dir.resolve("run.pids")).doesNotExist();
        } finally {
            leftover.destroyForcibly();
            unrelated.destroyForcibly();
        }
    }

    @Test
    void recordsTheProcessesItStartsUntilClosed() throws Exception {
        Process child = new ProcessBuilder("sleep", "300").start();
        try (RunDirectory run = RunDirectory.open(dir, false)) {
            run.recordChild("ms-notify", child.toHandle());

            assertThat(Files.readAllLines(dir.resolve("run.pids")))
                    .singleElement().asString().startsWith(child.pid() + "\t").endsWith("\tms-notify");
        } finally {
            child.destroyForcibly();
        }
        assertThat(dir.resolve("run.pids")).doesNotExist();
    }
}
