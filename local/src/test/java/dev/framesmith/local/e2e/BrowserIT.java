package dev.framesmith.local.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A person's visit, in Debian's headless Chromium driven by playwright-core ({@code src/test/browser/page-flow.mjs}):
 * register (field errors first), confirm the address through its link, log in, choose files and see the estimate,
 * upload a video through the page, watch it reach DONE, open its contact sheet, download the ZIP; see a batch's places
 * in the queue; retry a failed upload, cancel one, renew a direct upload's URLs, delete one from another tab and log
 * out during uploads in two tabs; keep the uploads and chosen files when the session ends, in every tab; the phone
 * layout; reset the forgotten password through its link; and another account logging in in another tab. axe-core
 * audits every screen. The links come
 * from the e-mails in the local run's mailbox (the SES stand-in), as for a person using the local run. Screenshots at
 * 1280 × 900 and 390 × 844 are left in {@code target/e2e/browser}.
 */
@ExtendWith(RunningSystem.class)
class BrowserIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("framesmith.chromium", "/usr/bin/chromium"));

    @Test
    void aPersonControlsTheirUploadsSeesTheirFramesAndEveryScreenPassesTheAccessibilityAudit() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            fail("The browser test needs Debian's Chromium at %s: install it with"
                    + " 'sudo apt-get update && sudo apt-get install -y chromium'"
                    + " (or point -Dframesmith.chromium at a Chromium binary).", CHROMIUM);
        }
        Path scripts = Path.of(System.getProperty("framesmith.browser.dir", "src/test/browser")).toAbsolutePath();
        installPlaywright(scripts);
        Path out = Journeys.workDir().resolve("browser");
        Files.createDirectories(out);
        Files.deleteIfExists(out.resolve("frames.zip"));
        Path video = new TestVideos(Journeys.workDir().resolve("browser-videos")).mp4("browser-clip", 3);
        Path big = bigFile(video);
        Path log = out.resolve("page-flow.log");

        ProcessBuilder node = new ProcessBuilder("node", "page-flow.mjs")
                .directory(scripts.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        node.environment().put("BASE_URL", RunningSystem.system().gateway().resolve("/").toString());
        node.environment().put("VIDEO_FILE", video.toString());
        node.environment().put("BIG_VIDEO_FILE", big.toString());
        node.environment().put("OUT_DIR", out.toString());
        node.environment().put("CHROMIUM", CHROMIUM.toString());
        node.environment().put("MAILBOX_URL", RunningSystem.system().sentEmailsJson().toString());
        long worker = RunningSystem.system().pid("video-worker");
        node.environment().put("WORKER_PID", Long.toString(worker));
        Process process = node.start();
        try {
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                fail("the browser test did not finish in 10 minutes; %s", Files.readString(log));
            }
        } finally {
            // The script holds the worker, then its job's processes, for a moment (SIGSTOP); none stays held,
            // whatever became of the script.
            ProcessHandle.of(worker).ifPresent(handle -> Signals.send("CONT",
                    Stream.concat(Stream.of(handle), handle.descendants()).toList()));
        }

        assertThat(process.exitValue()).as("page-flow.mjs exit code; its output:%n%s",
                Files.readString(log, StandardCharsets.UTF_8)).isZero();
        Path zip = out.resolve("frames.zip");
        assertThat(zip).exists();
        List<String> frames = Frames.decodeAll(Files.readAllBytes(zip));
        assertThat(frames).hasSizeBetween(2, 4);
    }

    /**
     * A file just over the page's direct-upload threshold (50 MB): the clip padded with a sparse tail. The page sends
     * it straight to the bucket; the browser test holds that transfer and cancels it, so it is never processed.
     */
    private static Path bigFile(Path clip) throws IOException {
        Path big = clip.resolveSibling("browser-large.mp4");
        Files.copy(clip, big, StandardCopyOption.REPLACE_EXISTING);
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.setLength(51L * 1024 * 1024);
        }
        return big;
    }

    /** {@code npm ci} from the committed lock file, when node_modules does not match it yet. */
    private static void installPlaywright(Path scripts) throws IOException, InterruptedException {
        Path installed = scripts.resolve("node_modules/.package-lock.json");
        Path lock = scripts.resolve("package-lock.json");
        if (Files.exists(installed) && Files.exists(scripts.resolve("node_modules/playwright-core/package.json"))
                && Files.exists(scripts.resolve("node_modules/axe-core/axe.min.js"))
                && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
            return;
        }
        Path log = Journeys.workDir().resolve("npm-ci.log");
        Files.createDirectories(log.getParent());
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                .directory(scripts.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(npm.waitFor(5, TimeUnit.MINUTES)).as("npm ci finished").isTrue();
        assertThat(npm.exitValue()).as("npm ci in %s: %s", scripts, Files.readString(log)).isZero();
    }
}
