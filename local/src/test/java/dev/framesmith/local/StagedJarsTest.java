package dev.framesmith.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedJarsTest {

    @TempDir
    Path dir;

    @Test
    void runsFromACopyThatARebuildDoesNotTouchAndRefreshesItOnTheNextStart() throws Exception {
        Path built = Files.writeString(dir.resolve("ms-video.jar"), "first build");
        Path staged = dir.resolve("run/jars");

        Path copy = StagedJars.stage(built, staged);
        Files.writeString(built, "second build, written while the first one runs");
        Files.setLastModifiedTime(built, FileTime.from(Instant.now().plusSeconds(5)));

        assertThat(copy).isEqualTo(staged.resolve("ms-video.jar")).hasContent("first build");
        assertThat(StagedJars.stage(built, staged)).hasContent("second build, written while the first one runs");
        assertThat(staged).isDirectoryNotContaining(path -> path.toString().endsWith(".tmp"));
    }

    @Test
    void keepsAnUpToDateCopy() throws Exception {
        Path built = Files.writeString(dir.resolve("ms-auth.jar"), "build");
        Path copy = StagedJars.stage(built, dir.resolve("jars"));
        FileTime copied = Files.getLastModifiedTime(copy);

        assertThat(StagedJars.stage(built, dir.resolve("jars"))).isEqualTo(copy);
        assertThat(Files.getLastModifiedTime(copy)).isEqualTo(copied);
    }

    @Test
    void saysHowToBuildAMissingJar() {
        assertThatThrownBy(() -> StagedJars.stage(dir.resolve("ms-notify.jar"), dir.resolve("jars")))
                .hasMessageContaining("ms-notify.jar does not exist: build with ./mvnw -B -DskipTests install");
    }
}
