package dev.framesmith.auth.token;

import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.RsaPublicJwk;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@RestController
@Tag(name = "Tokens", description = "Access tokens and the keys that verify them")
class JwksController {

    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    private final Map<String, Object> jwkSet;

    JwksController(SigningKey key, JsonMapper json) {
        RsaPublicJwk jwk = Jwks.builder().key(key.publicKey())
                .id(key.keyId())
                .algorithm("RS256")
                .publicKeyUse("sig")
                .build();
        Map<String, Object> publicJwk = json.readValue(Jwks.json(jwk), new TypeReference<Map<String, Object>>() { });
        this.jwkSet = Map.of("keys", List.of(publicJwk));
    }

    @GetMapping(path = "/auth/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The public keys that verify this service's tokens (RFC 7517 JWK set)")
    @ApiResponse(responseCode = "200", description = "The JWK set: one RSA key with `kid`, `alg` RS256, `use` sig")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CACHE).contentType(MediaType.APPLICATION_JSON).body(jwkSet);
    }
}
