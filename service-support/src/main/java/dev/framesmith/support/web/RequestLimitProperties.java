package dev.framesmith.support.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBodySize the largest request body accepted ({@code framesmith.web.max-body-size}), multipart uploads
 *                    aside (a service that takes them reads them as a stream with limits of its own); larger ones
 *                    get a 413 {@code payload-too-large} problem before anything parses them
 */
@ConfigurationProperties("framesmith.web")
public record RequestLimitProperties(@DefaultValue("16KB") DataSize maxBodySize) {

    public RequestLimitProperties {
        if (maxBodySize.toBytes() < 1) {
            throw new IllegalArgumentException("framesmith.web.max-body-size must be positive");
        }
    }
}
