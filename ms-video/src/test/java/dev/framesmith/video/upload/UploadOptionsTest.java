package dev.framesmith.video.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.ImageFormat;
import dev.framesmith.support.web.FieldError;
import dev.framesmith.support.web.ProblemException;
import java.util.List;
import org.junit.jupiter.api.Test;

class UploadOptionsTest {

    @Test
    void defaultsWhenNothingIsGiven() {
        assertThat(new UploadOptions().build()).isEqualTo(ExtractionOptions.DEFAULT);
    }

    @Test
    void validValuesAtTheBounds() {
        UploadOptions options = new UploadOptions();
        options.set("fps", "0.01");
        options.set("format", "PNG");
        options.set("maxWidth", "7680");
        assertThat(options.build()).isEqualTo(new ExtractionOptions(0.01, ImageFormat.PNG, 7680));

        UploadOptions upper = new UploadOptions();
        upper.set("fps", "30");
        upper.set("format", "jpeg");
        upper.set("maxWidth", "16");
        assertThat(upper.build()).isEqualTo(new ExtractionOptions(30, ImageFormat.JPG, 16));
    }

    @Test
    void blankMeansNotGiven() {
        UploadOptions options = new UploadOptions();
        options.set("fps", " ");
        options.set("maxWidth", "");
        assertThat(options.build()).isEqualTo(ExtractionOptions.DEFAULT);
    }

    @Test
    void everyInvalidFieldIsReported() {
        UploadOptions options = new UploadOptions();
        options.set("fps", "0");
        options.set("format", "gif");
        options.set("maxWidth", "15");
        assertThatThrownBy(options::build)
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.getStatusCode().value()).isEqualTo(400);
                    assertThat(problem.getBody().getType().toString()).endsWith("/validation");
                    @SuppressWarnings("unchecked")
                    List<FieldError> errors = (List<FieldError>) problem.getBody().getProperties().get("errors");
                    assertThat(errors).extracting(FieldError::field).containsExactly("fps", "format", "maxWidth");
                });
    }

    @Test
    void outOfRangeAndUnreadableNumbers() {
        for (String fps : new String[] {"30.01", "0.009", "-1", "NaN", "Infinity", "abc"}) {
            UploadOptions options = new UploadOptions();
            options.set("fps", fps);
            assertThat(options.hasErrors()).as(fps).isTrue();
        }
        for (String width : new String[] {"7681", "0", "1.5", "wide"}) {
            UploadOptions options = new UploadOptions();
            options.set("maxWidth", width);
            assertThat(options.hasErrors()).as(width).isTrue();
        }
    }
}
