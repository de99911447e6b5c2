package dev.framesmith.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StorageKeysTest {

    @Test
    void keysAreBuiltFromIdsOnly() {
        assertThat(StorageKeys.source("8d0c-u", "1f2e-v")).isEqualTo("raw/8d0c-u/1f2e-v/source");
        assertThat(StorageKeys.frames("8d0c-u", "1f2e-v")).isEqualTo("frames/8d0c-u/1f2e-v/frames.zip");
        assertThat(StorageKeys.preview("8d0c-u", "1f2e-v")).isEqualTo("frames/8d0c-u/1f2e-v/preview.jpg");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../etc", "a/b", "a b", "a\nb", "name.mp4", "%2e%2e"})
    void anythingButAnIdIsRefused(String id) {
        assertThatThrownBy(() -> StorageKeys.source(id, "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StorageKeys.frames("u", id)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theVideoOfAKeyOfAVideoIsFoundAndNoOtherKeyHasOne() {
        assertThat(StorageKeys.videoIdOf(StorageKeys.source("8d0c-u", "1f2e-v"))).hasValue("1f2e-v");
        assertThat(StorageKeys.videoIdOf(StorageKeys.frames("8d0c-u", "1f2e-v"))).hasValue("1f2e-v");
        assertThat(StorageKeys.videoIdOf(StorageKeys.preview("8d0c-u", "1f2e-v"))).hasValue("1f2e-v");
        assertThat(StorageKeys.videoIdOf(StorageKeys.jobClaim("8d0c-u", "1f2e-v"))).hasValue("1f2e-v");
        for (String key : new String[] {"raw/u/v/other", "raw/u/v/source/x", "frames/u/v/source", "raw/u/v/frames.zip",
                "frames/u/v/framesxzip", "frames/u/v/preview.jpg/x", "raw/u/source", "raw/../v/source",
                "frames/u/../claim"}) {
            assertThat(StorageKeys.videoIdOf(key)).as(key).isEmpty();
        }
    }
}
