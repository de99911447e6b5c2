package dev.framesmith.support.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBodySize    the largest request body accepted ({@code framesmith.web.max-body-size}), multipart uploads
 *                       to {@code multipartPaths} aside; larger ones get a 413 {@code payload-too-large} problem
 *                       before anything parses them
 * @param multipartPaths the request paths whose multipart bodies the service reads itself, as a stream with limits
 *                       of its own ({@code POST /videos}); a multipart body to any other path is held to
 *                       {@code maxBodySize} like any body
 */
@ConfigurationProperties("framesmith.web")
public record RequestLimitProperties(@DefaultValue("16KB") DataSize maxBodySize,
        @DefaultValue({}) List<String> multipartPaths) {

    public RequestLimitProperties {
        if (maxBodySize.toBytes() < 1) {
            throw new IllegalArgumentException("framesmith.web.max-body-size must be positive");
        }
    }
}
