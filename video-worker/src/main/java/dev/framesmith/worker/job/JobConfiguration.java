package dev.framesmith.worker.job;

import dev.framesmith.worker.config.WorkerProperties;
import dev.framesmith.worker.extraction.FrameExtraction;
import dev.framesmith.worker.ffmpeg.Ffmpeg;
import dev.framesmith.worker.ffmpeg.FfmpegBinary;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** FFmpeg as the jobs run it (every exit counted) and the extraction built on it. */
@Configuration(proxyBeanMethods = false)
class JobConfiguration {

    @Bean
    Ffmpeg ffmpeg(FfmpegBinary binary, WorkerMetrics metrics) {
        return new Ffmpeg(binary, metrics::ffmpegExited);
    }

    @Bean
    FrameExtraction frameExtraction(Ffmpeg ffmpeg, WorkerProperties properties) {
        return new FrameExtraction(ffmpeg, properties.extractionSettings());
    }
}
