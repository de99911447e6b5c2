package dev.framesmith.worker.messaging;

import dev.framesmith.contracts.MalformedMessageException;
import dev.framesmith.contracts.ProcessVideo;
import dev.framesmith.contracts.StorageKeys;

/**
 * Checks that a processing job only points where a job may: the configured bucket and the keys
 * {@link StorageKeys} builds from the job's ids. Anything else is malformed, like a body that is not a job.
 */
final class JobMessages {

    private JobMessages() {
    }

    static ProcessVideo check(ProcessVideo job, String bucket) {
        if (!bucket.equals(job.bucket())) {
            throw new MalformedMessageException("the job names a bucket other than the configured one", null);
        }
        String source;
        String frames;
        try {
            source = StorageKeys.source(job.userId(), job.videoId());
            frames = StorageKeys.frames(job.userId(), job.videoId());
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("the job's ids are not valid: " + e.getMessage(), e);
        }
        if (!source.equals(job.sourceKey()) || !frames.equals(job.framesKey())) {
            throw new MalformedMessageException("the job's keys do not match its ids", null);
        }
        return job;
    }
}
