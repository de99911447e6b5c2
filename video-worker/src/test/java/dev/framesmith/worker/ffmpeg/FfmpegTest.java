package dev.framesmith.worker.ffmpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.framesmith.worker.TestVideos;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class FfmpegTest {

    /** Runs forever at almost no cost: a tiny test pattern read at its own pace. */
    private static final List<String> ENDLESS = List.of("-hide_banner", "-re", "-f", "lavfi", "-i",
            "testsrc=size=32x32:rate=5", "-f", "null", "-");

    private final List<Integer> exits = new CopyOnWriteArrayList<>();
    private final Ffmpeg ffmpeg = new Ffmpeg(TestVideos.ffmpeg().binary(), ChildLimits.NONE, exits::add);

    @Test
    void reportsTheExitCodeAndTheErrorOutput() {
        FfmpegRun run = ffmpeg.run(List.of("-hide_banner", "-i", "/nonexistent/input"), Duration.ofSeconds(30),
                Cancellation.none(), null);

        assertThat(run.succeeded()).isFalse();
        assertThat(run.crashed()).isFalse();
        assertThat(run.stderr()).contains("No such file or directory");
        assertThat(exits).containsExactly(run.exitCode());
    }

    @Test
    void handsStandardOutputOverLineByLine() {
        List<String> lines = new CopyOnWriteArrayList<>();

        FfmpegRun run = ffmpeg.run(List.of("-hide_banner", "-f", "lavfi", "-i", "testsrc=size=32x32:rate=5:duration=1",
                "-f", "framecrc", "-"), Duration.ofSeconds(30), Cancellation.none(), lines::add);

        assertThat(run.succeeded()).isTrue();
        assertThat(lines).filteredOn(line -> !line.startsWith("#")).hasSize(5);
    }

    @Test
    void killsTheProcessWhenTheDeadlinePasses() {
        assertThatThrownBy(() -> ffmpeg.run(ENDLESS, Duration.ofMillis(700), Cancellation.none(), null))
                .isInstanceOf(FfmpegTimeoutException.class);

        assertThat(runningFfmpegs()).isEmpty();
        assertThat(exits).hasSize(1);
    }

    @Test
    void killsTheProcessWhenTheJobIsCancelled() {
        Cancellation cancellation = new Cancellation();
        List<String> progress = new CopyOnWriteArrayList<>();
        CompletableFuture<FfmpegRun> run = CompletableFuture.supplyAsync(() -> ffmpeg.run(
                List.of("-hide_banner", "-re", "-f", "lavfi", "-i", "testsrc=size=32x32:rate=5", "-progress", "pipe:1",
                        "-f", "null", "-"), Duration.ofMinutes(5), cancellation, progress::add));
        await().atMost(Duration.ofSeconds(30)).until(() -> !progress.isEmpty());

        cancellation.cancel();

        assertThatThrownBy(run::join).hasCauseInstanceOf(CancellationException.class);
        assertThat(runningFfmpegs()).isEmpty();
    }

    @Test
    void refusesToStartForACancelledJob() {
        Cancellation cancellation = new Cancellation();
        cancellation.cancel();

        assertThatThrownBy(() -> ffmpeg.run(ENDLESS, Duration.ofMinutes(1), cancellation, null))
                .isInstanceOf(CancellationException.class);
        assertThat(exits).isEmpty();
    }

    private static List<ProcessHandle> runningFfmpegs() {
        String executable = TestVideos.ffmpeg().binary().executable().toString();
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(executable::equals).orElse(false))
                .toList();
    }
}
