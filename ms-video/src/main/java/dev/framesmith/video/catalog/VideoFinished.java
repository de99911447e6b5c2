package dev.framesmith.video.catalog;

/**
 * A video is DONE or FAILED: the worker reported it, its job was dead-lettered, or the sweeper found it stalled.
 * Published again when a terminal report is replayed, so every listener must be idempotent. Listeners: dispatch
 * frees the slot and fills it, then notify tells the owner.
 *
 * @param video the video as stored now
 */
public record VideoFinished(Video video) {
}
