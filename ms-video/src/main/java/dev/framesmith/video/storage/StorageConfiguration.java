package dev.framesmith.video.storage;

import dev.framesmith.support.aws.FramesmithAwsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The bucket of raw videos and frame archives. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    VideoObjects videoObjects(S3Client s3, S3Presigner presigner, FramesmithAwsProperties aws) {
        return new VideoObjects(s3, presigner, aws.bucket());
    }
}
