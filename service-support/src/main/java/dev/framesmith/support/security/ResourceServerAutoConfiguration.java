package dev.framesmith.support.security;

import dev.framesmith.support.tracing.Traces;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every service is a stateless OAuth2 resource server trusting ms-auth's RS256 tokens: by its
 * JWK set ({@code framesmith.security.jwt.jwks-uri}) or by a configured public key. Health,
 * Prometheus and the API documents are public, and so are the service's
 * {@code framesmith.security.jwt.public-paths}; everything else needs a token whose {@code aud} names this
 * service's audience. Finer rules are method security on the controllers (scopes) and
 * {@link RequiresVerifiedEmail}.
 */
@AutoConfiguration(before = {ServletWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
        OAuth2ResourceServerAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(JwtProperties.class)
@EnableWebSecurity
@EnableMethodSecurity
public class ResourceServerAutoConfiguration {

    /** The API document and its UI, public in every service. */
    public static final List<String> API_DOCS_PATHS =
            List.of("/v3/api-docs/**", "/v3/api-docs", "/swagger-ui/**", "/swagger-ui.html");

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(JwtProperties properties, ObjectProvider<MeterRegistry> meters, JsonMapper json,
            ObjectProvider<Traces> traces) {
        JwtDecoder verified = verifiedTokens(properties, meters.getIfAvailable());
        if (properties.revocationUri() == null) {
            return verified;
        }
        return new RevocationCheck(verified, properties.revocationUri(), properties.revocationCheckEvery(),
                properties.cacheSize(), Clock.systemUTC(), json,
                revocationCounters(meters.getIfAvailable()), traces.getIfAvailable(Traces::none));
    }

    private static JwtDecoder verifiedTokens(JwtProperties properties, MeterRegistry registry) {
        NimbusJwtDecoder decoder;
        if (properties.jwksUri() != null) {
            decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri().toString())
                    .jwsAlgorithm(SignatureAlgorithm.RS256)
                    .build();
        } else if (properties.publicKey() != null && !properties.publicKey().isBlank()) {
            decoder = NimbusJwtDecoder.withPublicKey(parsePublicKey(properties.publicKey()))
                    .signatureAlgorithm(SignatureAlgorithm.RS256)
                    .build();
        } else {
            throw new IllegalStateException(
                    "Set framesmith.security.jwt.jwks-uri or framesmith.security.jwt.public-key to verify tokens");
        }
        decoder.setJwtValidator(validator(properties.issuer(), properties.audiences()));
        if (properties.cacheSize() == 0) {
            return decoder;
        }
        return new VerifiedTokenCache(decoder, properties.cacheSize(), Clock.systemUTC(), cacheCounters(registry));
    }

    /** {@code framesmith.security.jwt.revocation.checks} by ms-auth's {@code answer}: valid, revoked, unavailable. */
    private static RevocationCheck.Listener revocationCounters(MeterRegistry registry) {
        if (registry == null) {
            return RevocationCheck.Listener.NONE;
        }
        return answer -> Counter.builder("framesmith.security.jwt.revocation.checks")
                .tag("answer", answer.name().toLowerCase(Locale.ROOT))
                .description("Tokens asked about at ms-auth, by its answer")
                .register(registry).increment();
    }

    /** {@code framesmith.security.jwt.cache} with {@code result} {@code hit} (no signature check) or {@code miss}. */
    private static VerifiedTokenCache.Listener cacheCounters(MeterRegistry registry) {
        if (registry == null) {
            return VerifiedTokenCache.Listener.NONE;
        }
        Counter hits = Counter.builder("framesmith.security.jwt.cache").tag("result", "hit")
                .description("Tokens answered from the cache of verified tokens, or checked by the decoder")
                .register(registry);
        Counter misses = Counter.builder("framesmith.security.jwt.cache").tag("result", "miss")
                .description("Tokens answered from the cache of verified tokens, or checked by the decoder")
                .register(registry);
        return hit -> (hit ? hits : misses).increment();
    }

    /**
     * Signature, expiry and not-before (with {@link VerifiedTokenCache#CLOCK_SKEW}, which the cache applies too),
     * issuer, audience, and a subject.
     */
    static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> audiences) {
        return new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithValidators(new JwtIssuerValidator(issuer),
                        new JwtTimestampValidator(VerifiedTokenCache.CLOCK_SKEW)),
                new JwtClaimValidator<Object>(JwtClaimNames.AUD,
                        aud -> aud instanceof Collection<?> named && named.stream().anyMatch(audiences::contains)),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()));
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain framesmithSecurityFilterChain(HttpSecurity http, JwtProperties properties,
            ProblemSecurityHandlers problems) throws Exception {
        BearerTokens tokens = new BearerTokens(properties.queryTokenPaths());
        List<String> open = new ArrayList<>(API_DOCS_PATHS);
        open.addAll(properties.publicPaths());
        http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests
                        // The error page renders the status of an error already decided (see ProblemErrorController).
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(EndpointRequest.to("health", "info", "prometheus")).permitAll()
                        // The readiness and liveness status on the service port, for the load balancer's checks.
                        .requestMatchers("/readyz", "/livez").permitAll()
                        .requestMatchers(open.toArray(String[]::new)).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(oauth -> oauth
                        .bearerTokenResolver(tokens)
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .jwt(jwt -> { }))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterAfter(new UserLogContextFilter(), AuthorizationFilter.class);
        return http.build();
    }

    /** Also the firewall's {@code RequestRejectedHandler}: Spring Security finds it by its type. */
    @Bean
    ProblemSecurityHandlers problemSecurityHandlers(JsonMapper json) {
        return new ProblemSecurityHandlers(json);
    }

    @Bean
    WebMvcConfigurer currentUserResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CurrentUserArgumentResolver());
            }

            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new VerifiedEmailInterceptor());
            }
        };
    }

    static RSAPublicKey parsePublicKey(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException("framesmith.security.jwt.public-key is not an RSA public key in PEM", e);
        }
    }
}
