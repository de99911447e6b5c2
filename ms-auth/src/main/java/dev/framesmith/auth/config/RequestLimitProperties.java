package dev.framesmith.auth.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBodySize the largest request body accepted ({@code framesmith.auth.request.max-body-size});
 *                    larger ones get a 413 {@code payload-too-large} problem before anything reads them
 */
@ConfigurationProperties("framesmith.auth.request")
public record RequestLimitProperties(@DefaultValue("16KB") DataSize maxBodySize) {

    public RequestLimitProperties {
        if (maxBodySize.toBytes() < 1) {
            throw new IllegalArgumentException("framesmith.auth.request.max-body-size must be positive");
        }
    }
}
