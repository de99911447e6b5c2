/**
 * The messages every Framesmith service exchanges over SQS, the names of the queues and headers
 * they travel on, and the one JSON codec that reads and writes them.
 *
 * <p>Every message carries an {@code eventId} (the idempotency key), {@code occurredAt} and a
 * {@code schemaVersion}. Readers ignore fields they do not know; a message that cannot be read
 * raises {@link dev.framesmith.contracts.MalformedMessageException} so that the consumer can send it
 * to its dead-letter queue at once instead of retrying it forever.
 */
package dev.framesmith.contracts;
