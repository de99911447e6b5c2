package dev.framesmith.contracts;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S3 keys, built from ids only. A user's file name never becomes part of a key: it lives in
 * object metadata and in the video record.
 */
public final class StorageKeys {

    /** Where every source video is kept. */
    public static final String SOURCE_PREFIX = "raw/";
    /** Where every video's outputs are kept: its ZIP, its contact sheet and the worker's claim on its job. */
    public static final String FRAMES_PREFIX = "frames/";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern OF_A_VIDEO = Pattern.compile(
            "(?:raw/[A-Za-z0-9-]{1,64}/([A-Za-z0-9-]{1,64})/source"
                    + "|frames/[A-Za-z0-9-]{1,64}/([A-Za-z0-9-]{1,64})/(?:frames\\.zip|preview\\.jpg|claim))");

    private StorageKeys() {
    }

    public static String source(String userId, String videoId) {
        return SOURCE_PREFIX + id(userId) + "/" + id(videoId) + "/source";
    }

    /**
     * The video id in a key made by {@link #source}, {@link #frames}, {@link #preview} or {@link #jobClaim}, or empty
     * for any other key.
     */
    public static Optional<String> videoIdOf(String key) {
        Matcher matcher = OF_A_VIDEO.matcher(key);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
    }

    public static String frames(String userId, String videoId) {
        return FRAMES_PREFIX + id(userId) + "/" + id(videoId) + "/frames.zip";
    }

    /** The contact sheet of a finished video: a JPEG grid of evenly spaced frames, beside its ZIP. */
    public static String preview(String userId, String videoId) {
        return FRAMES_PREFIX + id(userId) + "/" + id(videoId) + "/preview.jpg";
    }

    /**
     * The worker's claim on a video's job: the one worker that holds it extracts the frames; removing it tells that
     * worker to stop.
     */
    public static String jobClaim(String userId, String videoId) {
        return FRAMES_PREFIX + id(userId) + "/" + id(videoId) + "/claim";
    }

    /** Returns the id if it is safe to put into a key or a path, otherwise throws. */
    public static String id(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a valid id: must be 1-64 letters, digits or dashes");
        }
        return id;
    }
}
