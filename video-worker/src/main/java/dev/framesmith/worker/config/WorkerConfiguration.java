package dev.framesmith.worker.config;

import dev.framesmith.worker.ffmpeg.FfmpegBinary;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/** Where FFmpeg is, and the web side: actuator endpoints only. */
@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

    @Bean
    FfmpegBinary ffmpegBinary(WorkerProperties properties) {
        return FfmpegBinary.locate(properties.ffmpegPath());
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
