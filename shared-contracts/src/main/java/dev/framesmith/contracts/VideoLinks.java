package dev.framesmith.contracts;

import java.util.regex.Pattern;

/**
 * The link of the "frames ready" e-mail: the web page with the video after {@code #download=}, e.g.
 * {@code https://app.example/#download=<videoId>}. The page, once its owner is logged in, asks
 * {@code GET /videos/{id}/download} for a presigned link that lives minutes, so the e-mail's link keeps working as
 * long as the video exists, and it opens nothing for anyone else (someone else's video is not found).
 */
public final class VideoLinks {

    /** Fragment key of the download link. */
    public static final String DOWNLOAD = "download";

    private static final Pattern VIDEO_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private VideoLinks() {
    }

    /**
     * @param appUrl  the web page, an absolute http(s) URL
     * @param videoId the video's id (letters, digits and dashes)
     */
    public static String download(String appUrl, String videoId) {
        if (videoId == null || !VIDEO_ID.matcher(videoId).matches()) {
            throw new IllegalArgumentException("not a video id");
        }
        String page = appUrl.endsWith("/") ? appUrl : appUrl + "/";
        return page + "#" + DOWNLOAD + "=" + videoId;
    }
}
