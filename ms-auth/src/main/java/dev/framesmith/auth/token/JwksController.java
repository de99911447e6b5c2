package dev.framesmith.auth.token;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Tokens", description = "Access tokens and the keys that verify them")
class JwksController {

    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    private final Map<String, Object> jwkSet;

    JwksController(TokenKeys keys) {
        this.jwkSet = keys.jwkSet().toJSONObject(true);
    }

    @GetMapping(path = "/auth/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The public keys that verify this service's tokens (RFC 7517 JWK set)",
            description = "The signing key first, then the keys published beside it during a rotation (the next "
                    + "key before it signs, the previous one while its tokens live on). Each with `kid`, `alg` "
                    + "RS256, `use` sig. Cached for 5 minutes.")
    @ApiResponse(responseCode = "200", description = "The JWK set")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CACHE).contentType(MediaType.APPLICATION_JSON).body(jwkSet);
    }
}
