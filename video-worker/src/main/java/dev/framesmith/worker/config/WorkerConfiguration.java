package dev.framesmith.worker.config;

import dev.framesmith.worker.extraction.FrameExtraction;
import dev.framesmith.worker.ffmpeg.Ffmpeg;
import dev.framesmith.worker.ffmpeg.FfmpegBinary;
import dev.framesmith.worker.job.WorkerMetrics;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/** FFmpeg, the extraction, and the web side: actuator endpoints only. */
@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

    @Bean
    FfmpegBinary ffmpegBinary(WorkerProperties properties) {
        return FfmpegBinary.locate(properties.ffmpegPath());
    }

    @Bean
    Ffmpeg ffmpeg(FfmpegBinary binary, WorkerMetrics metrics) {
        return new Ffmpeg(binary, metrics::ffmpegExited);
    }

    @Bean
    FrameExtraction frameExtraction(Ffmpeg ffmpeg, WorkerProperties properties) {
        return new FrameExtraction(ffmpeg, properties.extractionSettings());
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
