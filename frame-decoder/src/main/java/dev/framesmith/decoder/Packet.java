package dev.framesmith.decoder;

/**
 * One packet of the picture stream, as the demuxer gives it.
 *
 * @param pts      presentation time in the stream's time base, {@link #NO_TIME} when missing
 * @param dts      decoding time in the stream's time base, {@link #NO_TIME} when missing
 * @param key      the packet starts a picture that decodes without earlier ones
 * @param duration how long the picture shows, 0 when unknown
 */
record Packet(long pts, long dts, boolean key, long duration) {

    /** libavutil's AV_NOPTS_VALUE. */
    static final long NO_TIME = Long.MIN_VALUE;
}
