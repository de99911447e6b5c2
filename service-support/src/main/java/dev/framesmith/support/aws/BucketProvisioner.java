package dev.framesmith.support.aws;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** Creates the bucket when it is missing. */
class BucketProvisioner implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(BucketProvisioner.class);

    private final S3Client s3;
    private final String bucket;

    BucketProvisioner(S3Client s3, FramesmithAwsProperties properties) {
        this.s3 = s3;
        this.bucket = properties.bucket();
    }

    @Override
    public void afterPropertiesSet() {
        try {
            s3.headBucket(request -> request.bucket(bucket));
        } catch (NoSuchBucketException missing) {
            try {
                s3.createBucket(request -> request.bucket(bucket));
                log.info("Bucket {} created", bucket);
            } catch (BucketAlreadyOwnedByYouException | BucketAlreadyExistsException raced) {
                log.debug("Bucket {} was created concurrently", bucket);
            }
        }
    }
}
