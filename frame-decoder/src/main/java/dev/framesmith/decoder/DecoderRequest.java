package dev.framesmith.decoder;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The decoder's arguments, each {@code name=value}.
 *
 * @param input       the video file
 * @param stream      index of the picture stream in the container
 * @param rate        samples per second as {@code {num, den}}
 * @param maxSamples  most frames to write
 * @param output      an existing directory for the frames
 * @param format      {@code jpg} or {@code png}
 * @param maxWidth    widest frame, 0 for the source width
 * @param maxPixels   largest picture (width x height) the decoder accepts
 * @param threads     decoding threads
 * @param seekGap     seek when the next run starts more than this many packets later; -1 never
 */
record DecoderRequest(Path input, int stream, long[] rate, int maxSamples, Path output, String format, int maxWidth,
        long maxPixels, int threads, int seekGap) {

    static final List<String> NAMES = List.of("input", "stream", "rate", "max-samples", "output", "format",
            "max-width", "max-pixels", "threads", "seek-gap");

    static DecoderRequest parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals <= 0 || !NAMES.contains(arg.substring(0, equals))) {
                throw new IllegalArgumentException("unknown argument " + arg + "; expected name=value with a name of "
                        + NAMES);
            }
            values.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        String[] rate = required(values, "rate").split("/");
        String format = values.getOrDefault("format", "jpg");
        if (rate.length != 2 || !(format.equals("jpg") || format.equals("png"))) {
            throw new IllegalArgumentException("rate must be num/den and format jpg or png");
        }
        long[] fraction = {Long.parseLong(rate[0]), Long.parseLong(rate[1])};
        if (fraction[0] <= 0 || fraction[1] <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        return new DecoderRequest(Path.of(required(values, "input")), Integer.parseInt(required(values, "stream")),
                fraction, Integer.parseInt(required(values, "max-samples")), Path.of(required(values, "output")),
                format, Integer.parseInt(values.getOrDefault("max-width", "0")),
                Long.parseLong(required(values, "max-pixels")), Integer.parseInt(values.getOrDefault("threads", "1")),
                Integer.parseInt(values.getOrDefault("seek-gap", "120")));
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
