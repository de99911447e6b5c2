package dev.framesmith.auth.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param trustForwardedFor take the client's address from {@code X-Forwarded-For} (the entry added by the nearest
 *                          proxy); only behind a proxy that sets it, since clients can forge it
 */
@ConfigurationProperties("framesmith.auth")
public record ClientAddressProperties(@DefaultValue("false") boolean trustForwardedFor) {
}
