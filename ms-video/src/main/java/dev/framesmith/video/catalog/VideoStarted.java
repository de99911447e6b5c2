package dev.framesmith.video.catalog;

/**
 * The worker started a video's job: its first report moved it from QUEUED (or WAITING or UPLOADED, when the
 * reports overtook the dispatch) to PROCESSING. Published once per video, in the thread that applied the report.
 * Listener: dispatch sends the user's next waiting video, if a slot is free.
 *
 * @param video the video as stored now
 */
public record VideoStarted(Video video) {
}
