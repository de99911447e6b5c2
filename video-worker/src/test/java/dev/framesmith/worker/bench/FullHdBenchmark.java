package dev.framesmith.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.ImageFormat;
import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.contracts.VideoEvent;
import dev.framesmith.contracts.VideoEventType;
import dev.framesmith.testsupport.UseTestBackend;
import dev.framesmith.worker.TestVideos;
import dev.framesmith.worker.WorkerBackend;
import dev.framesmith.worker.WorkerBackend.ReceivedEvent;
import dev.framesmith.worker.extraction.TempFiles;
import dev.framesmith.worker.ffmpeg.Cancellation;
import dev.framesmith.worker.ffmpeg.FfmpegRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A long 1080p H.264 video (two minutes by default) through the worker and the emulated AWS
 * services, beside plain FFmpeg on the same file: every second and every ten seconds (the worker decodes only
 * what those frames need). Prints the figures and writes them to {@code bench/results}.
 * Not part of the build's test run; start it with {@code bench/run.sh}.
 */
@UseTestBackend
@SpringBootTest(properties = {
        "framesmith.aws.queues.processing=worker-bench-processing",
        "framesmith.aws.queues.events=worker-bench-events",
        "framesmith.worker.poll-timeout=1s",
        "framesmith.worker.concurrency=1"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class FullHdBenchmark {

    private static final int SECONDS = Integer.getInteger("framesmith.bench.seconds", 120);
    private static final Path MODULE = Path.of(System.getProperty("framesmith.bench.module", "."));

    private final WorkerBackend backend = new WorkerBackend("worker-bench");
    private final List<String> report = new ArrayList<>();

    @Test
    void extractsFramesFromALongFullHdVideo() throws IOException {
        Path cache = Files.createDirectories(MODULE.resolve("target/bench"));
        Path video = cache.resolve("fullhd-" + SECONDS + "s.mp4");
        line("# Full HD benchmark, %s", LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        line("");
        line("machine: %d processors, JVM max heap %d MB, FFmpeg %s", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), TestVideos.ffmpeg().binary().executable());
        if (!Files.exists(video)) {
            long took = time(() -> ffmpeg(List.of("-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=25:duration="
                    + SECONDS, "-c:v", "libx264", "-preset", "ultrafast", "-crf", "28", "-g", "50", "-pix_fmt",
                    "yuv420p", "-y", video.toString())));
            line("source generated in %.1f s", took / 1000.0);
        }
        line("source: %d s of 1920x1080 at 25 fps, H.264, keyframe every 2 s, %.1f MB", SECONDS,
                Files.size(video) / 1e6);
        line("");
        line("| run | frames | plain FFmpeg | worker, received to COMPLETED | worker JVM peak RSS | FFmpeg peak RSS |");
        line("|---|---|---|---|---|---|");

        compare(video, 1.0, SECONDS);
        compare(video, 0.1, (SECONDS + 9) / 10);

        line("");
        line("Plain FFmpeg: `ffmpeg -i source -vf fps=<rate> -q:v 2 frame_%%05d.jpg` on local disk, nothing else.");
        line("Worker: download from S3, probe, extract (partial decoding), ZIP, upload, events.");
        Path results = Files.createDirectories(MODULE.resolve("bench/results"));
        Path file = results.resolve("fullhd-" + SECONDS + "s.md");
        Files.write(file, report);
        System.out.println(String.join(System.lineSeparator(), report));
        System.out.println("Results written to " + file.toAbsolutePath());
    }

    private void compare(Path video, double fps, int expectedFrames) throws IOException {
        Path out = Files.createTempDirectory("bench-plain");
        long plain;
        try {
            plain = time(() -> ffmpeg(List.of("-i", video.toString(), "-vf", "fps=" + fps, "-q:v", "2",
                    out.resolve("frame_%05d.jpg").toString())));
        } finally {
            TempFiles.deleteRecursively(out);
        }

        ProcessVideo job = backend.upload(video, new ExtractionOptions(fps, ImageFormat.JPG, null));
        try (RssSampler rss = new RssSampler()) {
            backend.send(job);
            List<ReceivedEvent> events = backend.awaitTerminal(job.videoId());
            VideoEvent started = events.get(0).event();
            VideoEvent completed = events.get(events.size() - 1).event();
            assertThat(started.type()).isEqualTo(VideoEventType.STARTED);
            assertThat(completed.type()).isEqualTo(VideoEventType.COMPLETED);
            assertThat(completed.frameCount()).isEqualTo(expectedFrames);
            Duration worker = Duration.between(started.occurredAt(), completed.occurredAt());
            line("| %s fps | %d | %.1f s | %.1f s | %d MB | %d MB |", fps, completed.frameCount(), plain / 1000.0,
                    worker.toMillis() / 1000.0, rss.jvmPeak() / 1024, rss.ffmpegPeak() / 1024);
        }
    }

    private static void ffmpeg(List<String> args) {
        List<String> all = new ArrayList<>(List.of("-hide_banner", "-loglevel", "error"));
        all.addAll(args);
        FfmpegRun run = TestVideos.ffmpeg().run(all, Duration.ofHours(1), Cancellation.none(), null);
        assertThat(run.succeeded()).as(run.stderr()).isTrue();
    }

    private static long time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private void line(String format, Object... args) {
        report.add(String.format(Locale.ROOT, format, args));
    }

    /** Samples the resident memory of this JVM and of the FFmpeg processes it runs, in kB. */
    private static final class RssSampler implements AutoCloseable {
        private static final String EXECUTABLE = TestVideos.ffmpeg().binary().executable().toString();
        private final AtomicLong jvm = new AtomicLong();
        private final AtomicLong ffmpeg = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        RssSampler() {
            thread = new Thread(() -> {
                while (running) {
                    jvm.accumulateAndGet(rss(ProcessHandle.current().pid()), Math::max);
                    long children = ProcessHandle.current().descendants()
                            .filter(process -> process.info().command().map(EXECUTABLE::equals).orElse(false))
                            .mapToLong(process -> rss(process.pid())).sum();
                    ffmpeg.accumulateAndGet(children, Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long jvmPeak() {
            return jvm.get();
        }

        long ffmpegPeak() {
            return ffmpeg.get();
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }

        private static long rss(long pid) {
            try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
                return lines.filter(line -> line.startsWith("VmRSS:"))
                        .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                        .findFirst().orElse(0);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }
}
