package dev.framesmith.worker.config;

import dev.framesmith.worker.decoder.FrameDecoder;
import dev.framesmith.worker.extraction.FrameExtraction;
import dev.framesmith.worker.ffmpeg.ChildLimits;
import dev.framesmith.worker.ffmpeg.Ffmpeg;
import dev.framesmith.worker.ffmpeg.FfmpegBinary;
import dev.framesmith.worker.ffmpeg.ProcessRunner;
import dev.framesmith.worker.job.WorkerMetrics;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/** FFmpeg, the frame decoder, their limits, the extraction, and the web side: actuator endpoints only. */
@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

    @Bean
    FfmpegBinary ffmpegBinary(WorkerProperties properties) {
        return FfmpegBinary.locate(properties.ffmpegPath());
    }

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
    FrameExtraction frameExtraction(Ffmpeg ffmpeg, FrameDecoder decoder, WorkerProperties properties) {
        return new FrameExtraction(ffmpeg, decoder, properties.extractionSettings());
    }

    /** The worker serves no API: health, info and metrics are open, everything else is refused. */
    @Bean
    SecurityFilterChain actuatorOnly(HttpSecurity http) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to("health", "info", "prometheus")).permitAll()
                        .anyRequest().denyAll())
                .build();
    }
}
