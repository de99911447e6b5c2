package dev.framesmith.decoder;

/**
 * What the decoder's process tells its parent: exit codes, and lines on standard output. Errors and libav's own
 * complaints go to standard error.
 *
 * <pre>
 * index packets=&lt;n&gt; keyframes=&lt;k&gt;
 * plan samples=&lt;s&gt; targets=&lt;t&gt; runs=&lt;r&gt; packets=&lt;p&gt;     (p: packets the runs decode)
 * frame &lt;i&gt;                                               (frame i, from 1, is complete on disk)
 * done frames=&lt;s&gt; sent=&lt;p&gt; decoded=&lt;f&gt; seeks=&lt;k&gt; lanes=&lt;l&gt; (sent: packets given to the decoders;
 *                                                          l: decoders that ran side by side)
 * </pre>
 */
public final class DecoderProtocol {

    /** Every sample was written. */
    public static final int OK = 0;
    /** Wrong arguments: a bug in the caller. */
    public static final int USAGE = 2;
    /**
     * The JVM ran out of heap ({@code -XX:+ExitOnOutOfMemoryError} exits with 3): a memory limit was hit.
     */
    public static final int JVM_OUT_OF_MEMORY = 3;
    /** The packet index cannot be planned on (missing or repeated timestamps, no keyframe first): use another method. */
    public static final int UNUSABLE_INDEX = 10;
    /** A sample's picture never came out of the decoder: use another method. */
    public static final int MISSING_SAMPLE = 11;
    /** A kept picture was decoded with errors or the decoder refused a packet: use another method. */
    public static final int DAMAGED_PICTURE = 12;
    /** The file cannot be opened or read to its end. */
    public static final int CORRUPT_INPUT = 13;
    /** A picture is larger than the allowed number of pixels. */
    public static final int PICTURE_TOO_LARGE = 14;
    /** libav could not allocate memory: a memory limit was hit. */
    public static final int OUT_OF_MEMORY = 15;

    public static final String INDEX = "index";
    public static final String PLAN = "plan";
    public static final String FRAME = "frame";
    public static final String DONE = "done";

    /** Suffix of a frame file still being written; it is renamed when complete. */
    public static final String PARTIAL_SUFFIX = ".part";

    private DecoderProtocol() {
    }

    /**
     * Whether the decoder says something about the video with this exit code (done, or a reason); any other exit
     * means it did not get as far as the video, or failed for the machine's sake.
     */
    public static boolean judged(int exitCode) {
        return switch (exitCode) {
            case OK, JVM_OUT_OF_MEMORY, UNUSABLE_INDEX, MISSING_SAMPLE, DAMAGED_PICTURE, CORRUPT_INPUT, PICTURE_TOO_LARGE,
                    OUT_OF_MEMORY -> true;
            default -> false;
        };
    }

    /** Whether another extraction method may still succeed after this exit code. */
    public static boolean fallBack(int exitCode) {
        return exitCode == UNUSABLE_INDEX || exitCode == MISSING_SAMPLE || exitCode == DAMAGED_PICTURE;
    }

    /**
     * How frame files, and so the ZIP's entries, are named whichever method wrote them: {@code frame_00001.jpg},
     * numbered from 1. The pattern is FFmpeg's image-sequence pattern and a {@link String#format} pattern alike.
     */
    public static String frameNamePattern(String extension) {
        return "frame_%05d." + extension;
    }

    /** The file name of frame {@code number} (from 1). */
    public static String frameName(int number, String extension) {
        return String.format(java.util.Locale.ROOT, frameNamePattern(extension), number);
    }
}
