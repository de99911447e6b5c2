package dev.framesmith.worker.extraction;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A sampling rate as an exact fraction, so that FFmpeg and this code agree on every frame time:
 * frame {@code i} (from 0) is the picture shown at {@code i * den / num} seconds.
 */
record Rate(long num, long den) {

    static Rate of(double fps) {
        BigDecimal value = BigDecimal.valueOf(fps).stripTrailingZeros();
        BigInteger num = value.unscaledValue();
        BigInteger den = BigInteger.ONE;
        if (value.scale() > 0) {
            den = BigInteger.TEN.pow(value.scale());
        } else {
            num = num.multiply(BigInteger.TEN.pow(-value.scale()));
        }
        BigInteger gcd = num.gcd(den);
        return new Rate(num.divide(gcd).longValueExact(), den.divide(gcd).longValueExact());
    }

    /** The time of frame {@code index} (from 0) in seconds. */
    double secondsAt(long index) {
        return (double) index * den / num;
    }

    /** How many sampling times fall before the end of a video of this duration (at least one). */
    int framesIn(double durationSeconds) {
        double frames = Math.ceil(durationSeconds * num / den - 1e-9);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, frames));
    }

    /** The rate as FFmpeg reads it. */
    String ffmpeg() {
        return num + "/" + den;
    }
}
