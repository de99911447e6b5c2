package dev.framesmith.auth.clients;

import static dev.framesmith.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.framesmith.auth.AuthWebSlice;
import dev.framesmith.auth.token.AccessToken;
import dev.framesmith.auth.token.AccessTokens;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** The token endpoint's web rules: where client credentials come from, and the problems of a bad request. */
@WebMvcTest(TokenEndpointController.class)
@AuthWebSlice
class TokenEndpointControllerTest {

    private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED_VALUE;

    @Autowired
    MockMvcTester mvc;
    @MockitoBean
    ServiceClients clients;
    @MockitoBean
    AccessTokens tokens;

    @Test
    void basicCredentialsAreTheFormEncodedIdAndSecret() {
        var client = new ServiceClients.ServiceClient("ms:video", Set.of("notifications:send"));
        when(clients.authenticate("ms:video", "s3cr%t é")).thenReturn(Optional.of(client));
        when(tokens.forClient(any(), any())).thenReturn(new AccessToken("token", 3600));

        MvcTestResult response = token("grant_type=client_credentials",
                basic("ms%3Avideo:s3cr%25t+%C3%A9"));

        assertThat(response).hasStatusOk().bodyJson().extractingPath("$.access_token").isEqualTo("token");
        verify(clients).authenticate("ms:video", "s3cr%t é");
    }

    @Test
    void malformedBasicCredentialsAreAnInvalidClientAskedForBasic() {
        String notUtf8 = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, (byte) 0xfe, ':', 'x'});
        for (String header : new String[] {"Basic !!!", "Basic " + encode("no-colon"), "basic " + notUtf8}) {
            MvcTestResult response = token("grant_type=client_credentials", header);
            assertProblem(response, 401, "invalid-client");
            assertThat(response.getResponse().getHeader("WWW-Authenticate")).isEqualTo("Basic realm=\"framesmith\"");
        }
        verifyNoInteractions(clients, tokens);
    }

    @Test
    void credentialsInTheFormAndAsBasicAtOnceAreAnInvalidRequest() {
        assertProblem(token("grant_type=client_credentials&client_id=a&client_secret=b", basic("a:b")), 400,
                "invalid-request");
        verifyNoInteractions(clients, tokens);
    }

    @Test
    void aRequestWithoutCredentialsIsAnInvalidClientWithoutBasicChallenge() {
        MvcTestResult response = token("grant_type=client_credentials", null);

        assertProblem(response, 401, "invalid-client");
        assertThat(response.getResponse().getHeader("WWW-Authenticate")).isNull();
        verify(clients, never()).authenticate(anyString(), anyString());
    }

    @Test
    void badGrantsAndParametersInTheUrlAreRefused() {
        assertProblem(token("client_id=a&client_secret=b", null), 400, "invalid-request");
        assertProblem(token("grant_type=password&client_id=a&client_secret=b", null), 400, "unsupported-grant-type");
        assertProblem(mvc.post().uri("/auth/token?grant_type=client_credentials").contentType(FORM)
                .content("client_id=a&client_secret=b").exchange(), 400, "invalid-request");
        assertProblem(token("grant_type=client_credentials&client_id=a&client_secret=" + "x".repeat(73), null), 401,
                "invalid-client");
        assertProblem(mvc.post().uri("/auth/token").contentType(MediaType.APPLICATION_JSON).content("{}").exchange(),
                415, "unsupported-media-type");
        verifyNoInteractions(clients, tokens);
    }

    private MvcTestResult token(String form, String authorization) {
        var request = mvc.post().uri("/auth/token").contentType(FORM).content(form);
        return (authorization == null ? request : request.header("Authorization", authorization)).exchange();
    }

    private static String basic(String idColonSecret) {
        return "Basic " + encode(idColonSecret);
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
