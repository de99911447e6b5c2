package dev.framesmith.video.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.contracts.FailureCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FailureReasonsTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(FailureCode.class)
    void explainsEveryCodeTheWorkerSends(FailureCode code) {
        assertThat(FailureReasons.reason(code.name(), null)).isEqualTo(code.message())
                .isNotEqualTo(FailureReasons.GENERIC);
    }

    @Test
    void explainsTheCodesThisServiceDecides() {
        assertThat(FailureReasons.reason(FailureReasons.PROCESSING_FAILED, null))
                .isEqualTo("We could not process this video after several attempts.");
        assertThat(FailureReasons.reason(FailureReasons.PROCESSING_STALLED, " "))
                .isEqualTo("Processing this video stopped responding and was abandoned.");
    }

    @Test
    void prefersTheWorkersOwnMessageCutToALengthThePageAndTheEmailCanShow() {
        assertThat(FailureReasons.reason("TIMED_OUT", " Processing this video took longer than the allowed 2 h.\n"))
                .isEqualTo("Processing this video took longer than the allowed 2 h.");
        assertThat(FailureReasons.reason("CORRUPT_VIDEO", "x".repeat(FailureReasons.MAX_LENGTH + 1)))
                .hasSize(FailureReasons.MAX_LENGTH).endsWith("x…");
    }

    @Test
    void fallsBackToAGenericSentenceForAnUnknownOrMissingCode() {
        assertThat(FailureReasons.reason("SOMETHING_NEW", null)).isEqualTo(FailureReasons.GENERIC);
        assertThat(FailureReasons.reason(null, null)).isEqualTo(FailureReasons.GENERIC);
    }
}
