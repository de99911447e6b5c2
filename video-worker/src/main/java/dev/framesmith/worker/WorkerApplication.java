package dev.framesmith.worker;

import dev.framesmith.support.processing.ProcessingLimits;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Takes processing jobs from SQS, extracts frames with FFmpeg, uploads the ZIP to S3 and reports
 * on the events queue. It serves no user API, so token verification is left out.
 */
@SpringBootApplication(excludeName = {
        "dev.framesmith.support.security.ResourceServerAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"})
@ConfigurationPropertiesScan(basePackageClasses = {WorkerApplication.class, ProcessingLimits.class})
public class WorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(WorkerApplication.class, args);
    }
}
