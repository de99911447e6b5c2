package dev.framesmith.video.catalog;

/**
 * A video was deleted and its files removed. Published again when a delete is repeated; listeners must be
 * idempotent. Listener: dispatch frees the slot and fills it.
 */
public record VideoRemoved(String videoId, String userId) {
}
