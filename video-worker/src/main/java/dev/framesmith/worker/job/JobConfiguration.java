package dev.framesmith.worker.job;

import dev.framesmith.support.processing.ProcessingLimits;
import dev.framesmith.worker.config.WorkerProperties;
import dev.framesmith.worker.decoder.FrameDecoder;
import dev.framesmith.worker.extraction.FrameExtraction;
import dev.framesmith.worker.ffmpeg.ChildLimits;
import dev.framesmith.worker.ffmpeg.Ffmpeg;
import dev.framesmith.worker.ffmpeg.FfmpegBinary;
import dev.framesmith.worker.ffmpeg.ProcessRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * FFmpeg and the frame decoder as the jobs run them (within each job's memory limit, every exit counted) and the
 * extraction built on them.
 */
@Configuration(proxyBeanMethods = false)
class JobConfiguration {

    @Bean
    ChildLimits childLimits(WorkerProperties properties) {
        return ChildLimits.of(properties.limits().memory().toBytes());
    }

    @Bean
    Ffmpeg ffmpeg(FfmpegBinary binary, ChildLimits limits, WorkerMetrics metrics) {
        return new Ffmpeg(binary, limits, metrics::ffmpegExited);
    }

    @Bean
    FrameDecoder frameDecoder(WorkerProperties properties, ChildLimits limits, WorkerMetrics metrics) {
        WorkerProperties.Decoder decoder = properties.decoder();
        return FrameDecoder.locate(decoder.java(), decoder.jvmOptions(), properties.decoderCacheDir(),
                decoder.nativesDir(), new ProcessRunner(limits, metrics::decoderExited));
    }

    @Bean
    FrameExtraction frameExtraction(Ffmpeg ffmpeg, FrameDecoder decoder, WorkerProperties properties,
            ProcessingLimits processing) {
        return new FrameExtraction(ffmpeg, decoder, properties.extractionSettings(processing));
    }
}
