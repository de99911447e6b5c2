package dev.framesmith.auth;

import dev.framesmith.auth.ratelimit.ClientAddresses;
import dev.framesmith.auth.ratelimit.RateLimitProperties;
import dev.framesmith.auth.ratelimit.RateLimiter;
import dev.framesmith.testsupport.TrustTestTokens;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * What every ms-auth {@code @WebMvcTest} slice needs beside its controller: the test tokens trusted, with both of
 * ms-auth's audiences as its own decoder takes them (so a service token is authenticated and then refused where a
 * user is needed), and the per-address limit's interceptor, which every slice loads, with its limiter and the
 * client addresses as mocks (a mock limiter lets every request through unless a test says otherwise).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TrustTestTokens
@TestPropertySource(properties = "framesmith.security.jwt.audiences=framesmith-api,framesmith-services")
@MockitoBean(types = {RateLimiter.class, ClientAddresses.class})
@Import(AuthWebSlice.Settings.class)
public @interface AuthWebSlice {

    @EnableConfigurationProperties(RateLimitProperties.class)
    class Settings {
    }
}
