package dev.framesmith.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.contracts.ExtractionOptions;
import dev.framesmith.contracts.ImageFormat;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredFramesTest {

    @Test
    void readsBackWhatItWrites() {
        StoredFrames written = new StoredFrames(new ExtractionOptions(0.5, ImageFormat.PNG, 640), 42, 83.5, 12345,
                30_000L);
        StoredFrames withoutSheet = new StoredFrames(ExtractionOptions.DEFAULT, 1, 1.0, 10, null);

        assertThat(StoredFrames.from(written.metadata(), 12345)).isEqualTo(written);
        assertThat(StoredFrames.from(withoutSheet.metadata(), 10)).isEqualTo(withoutSheet);
    }

    @Test
    void readsMetadataWhateverTheCaseOfItsKeys() {
        Map<String, String> metadata = new HashMap<>();
        new StoredFrames(ExtractionOptions.DEFAULT, 5, 5.0, 100, null).metadata()
                .forEach((key, value) -> metadata.put(key.toUpperCase(), value));

        assertThat(StoredFrames.from(metadata, 100)).isNotNull();
    }

    @Test
    void recognisesTheOptionsItWasMadeWith() {
        StoredFrames frames = new StoredFrames(new ExtractionOptions(1, ImageFormat.JPG, null), 5, 5.0, 100, null);

        assertThat(frames.madeWith(new ExtractionOptions(1.0, null, null))).isTrue();
        assertThat(frames.madeWith(new ExtractionOptions(2, ImageFormat.JPG, null))).isFalse();
        assertThat(frames.madeWith(new ExtractionOptions(1, ImageFormat.PNG, null))).isFalse();
        assertThat(frames.madeWith(new ExtractionOptions(1, ImageFormat.JPG, 640))).isFalse();
    }

    @Test
    void ignoresObjectsWithoutItsMetadata() {
        assertThat(StoredFrames.from(Map.of(), 100)).isNull();
        assertThat(StoredFrames.from(Map.of(StoredFrames.FPS, "fast"), 100)).isNull();
    }
}
