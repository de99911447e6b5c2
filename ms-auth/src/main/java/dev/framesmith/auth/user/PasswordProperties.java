package dev.framesmith.auth.user;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How passwords and client secrets are hashed.
 *
 * @param bcryptCost bcrypt's log2 work factor ({@code framesmith.auth.bcrypt-cost}); at least 10
 */
@ConfigurationProperties("framesmith.auth")
@Validated
public record PasswordProperties(@DefaultValue("12") @Min(10) @Max(31) int bcryptCost) {
}
