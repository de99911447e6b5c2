package dev.framesmith.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.auth.AuthWebSlice;
import dev.framesmith.auth.TestKeys;
import dev.framesmith.testsupport.Api;
import dev.framesmith.testsupport.RsaKeys;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.JsonNode;

/** The JWK set: public, cacheable, the signing key first, and public parts only. */
@WebMvcTest(JwksController.class)
@AuthWebSlice
@Import(JwksControllerTest.Keys.class)
class JwksControllerTest {

    @Autowired
    MockMvcTester mvc;

    @Test
    void theSigningKeyThenTheRotationsKeyArePublishedWithoutAToken() {
        MvcTestResult response = mvc.get().uri("/auth/.well-known/jwks.json").exchange();

        assertThat(response).hasStatusOk().hasHeader("Cache-Control", "max-age=300, public");
        JsonNode keys = Api.JSON.readTree(response.getResponse().getContentAsByteArray()).path("keys");
        assertThat(keys.valueStream().map(key -> key.path("kid").asString()))
                .containsExactly(TestKeys.KEY_ID, "next-key");
        keys.forEach(key -> {
            assertThat(key.propertyNames()).containsExactlyInAnyOrder("kty", "kid", "alg", "use", "n", "e");
            assertThat(key.path("kty").asString()).isEqualTo("RSA");
            assertThat(key.path("alg").asString()).isEqualTo("RS256");
            assertThat(key.path("use").asString()).isEqualTo("sig");
        });
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Keys {

        @Bean
        TokenKeys tokenKeys() {
            RSAPublicKey next = (RSAPublicKey) RsaKeys.generate().getPublic();
            return new TokenKeys(new SigningKey(TestKeys.KEY_ID, TestKeys.privateKey(), TestKeys.publicKey()),
                    List.of(new TokenKeys.PublishedKey("next-key", next)));
        }
    }
}
