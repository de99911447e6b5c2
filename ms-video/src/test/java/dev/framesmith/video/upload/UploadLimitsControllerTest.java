package dev.framesmith.video.upload;

import static dev.framesmith.testsupport.Problems.assertProblem;
import static dev.framesmith.testsupport.Problems.withToken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.support.processing.ProcessingLimits;
import dev.framesmith.testsupport.TestTokens;
import dev.framesmith.testsupport.TrustTestTokens;
import dev.framesmith.video.config.VideoProperties;
import dev.framesmith.video.support.Tokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** {@code GET /videos/limits} tells any signed-in user the limits this deployment is configured with. */
@WebMvcTest(UploadLimitsController.class)
@TrustTestTokens
@EnableConfigurationProperties({VideoProperties.class, ProcessingLimits.class})
@TestPropertySource(properties = {"framesmith.video.max-upload-size=1GB",
        "framesmith.video.quotas.concurrent-uploads=2", "framesmith.processing.max-duration=30m",
        "framesmith.processing.max-frames=500", "framesmith.processing.default-width=640",
        "framesmith.processing.max-width=1280", "framesmith.processing.max-output-size=2GB"})
class UploadLimitsControllerTest {

    @Autowired
    MockMvcTester mvc;

    @Test
    void theConfiguredLimitsAndEachOptionsRange() {
        MvcTestResult result = withToken(mvc.get().uri("/videos/limits"), TestTokens.anyUser()).exchange();

        assertThat(result).hasStatusOk().bodyJson().isStrictlyEqualTo("""
                {"maxFileBytes": 1073741824, "concurrentUploads": 2, "maxDurationSeconds": 1800, "maxFrames": 500,
                 "widestFrame": 1280, "maxOutputBytes": 2147483648,
                 "fps": {"min": 0.01, "max": 30.0, "default": 1.0},
                 "maxWidth": {"min": 16, "max": 7680, "default": 640},
                 "formats": ["jpg", "png"], "bytesPerPixel": {"jpg": 0.2, "png": 1.5}}""");
    }

    @Test
    void anAddressNotYetConfirmedMayReadThemButNoOneWithoutAToken() {
        String unverified = TestTokens.unverifiedUser(UUID.randomUUID().toString(), "ada@example.com", "Ada");
        assertThat(withToken(mvc.get().uri("/videos/limits"), unverified).exchange()).hasStatusOk();

        for (String token : Tokens.refused(UUID.randomUUID().toString())) {
            assertProblem(withToken(mvc.get().uri("/videos/limits"), token).exchange(), 401, "unauthorized");
        }
    }
}
