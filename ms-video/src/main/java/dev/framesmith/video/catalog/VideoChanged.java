package dev.framesmith.video.catalog;

/**
 * This replica wrote a video's new state: created it (an upload accepted) or moved it (a dispatch, a worker event
 * applied, a delete, the sweeper). Published by {@link VideoStore} after the write, in the writer's thread; a
 * listener must return quickly. Listener: live updates poll that user's changes at once.
 *
 * @param userId  whose video changed
 * @param videoId the video
 */
public record VideoChanged(String userId, String videoId) {
}
