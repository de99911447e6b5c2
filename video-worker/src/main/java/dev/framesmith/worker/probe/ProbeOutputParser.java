package dev.framesmith.worker.probe;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code ffmpeg -hide_banner -i <file>} writes to standard error. The file's own tags are printed there
 * too, verbatim, so a tag named like a stream or duration line could pass for one: the entries of every
 * {@code Metadata:} block (lines indented deeper than it) are skipped, and a description that still names a stream
 * or the duration twice (a tag name with a line break in it) is not trusted: the file counts as unopened.
 */
final class ProbeOutputParser {

    private static final Pattern INPUT = Pattern.compile("^Input #0, (.+), from '.*':\\s*$");
    private static final Pattern DURATION =
            Pattern.compile("^\\s*Duration: (?:N/A|(\\d+):(\\d{2}):(\\d{2}(?:\\.\\d+)?))(?:, start: (-?\\d+(?:\\.\\d+)?))?");
    private static final Pattern STREAM = Pattern.compile(
            "^\\s*Stream #0:(\\d+)(?:\\[0x[0-9a-fA-F]+])?(?:\\([^)]*\\))?: (Video|Audio|Subtitle|Data|Attachment): (.*)$");
    private static final Pattern SIZE = Pattern.compile(", (\\d+)x(\\d+)(?=[ ,\\[]|$)");
    private static final Pattern FPS = Pattern.compile("(\\d+(?:\\.\\d+)?)(k?) fps");
    private static final Pattern TBR = Pattern.compile("(\\d+(?:\\.\\d+)?)(k?) tbr");
    private static final Pattern LOG_LINE = Pattern.compile("^\\[[^]]+ @ 0x[0-9a-fA-F]+] (.*)$");
    private static final String NO_OUTPUT = "At least one output file must be specified";
    private static final String METADATA = "Metadata:";
    static final String AMBIGUOUS = "the file's description names a stream or its duration twice";

    private ProbeOutputParser() {
    }

    static ProbeReport parse(List<String> lines) {
        boolean opened = false;
        String container = null;
        Double duration = null;
        double start = 0;
        ProbeReport.VideoStream video = null;
        boolean audio = false;
        List<String> errors = new ArrayList<>();
        Set<Integer> streams = new HashSet<>();
        boolean ambiguous = false;
        boolean durationSeen = false;
        int metadataIndent = -1;
        for (String line : lines) {
            int indent = indent(line);
            if (metadataIndent >= 0 && indent > metadataIndent) {
                continue;
            }
            metadataIndent = -1;
            if (opened && line.strip().equals(METADATA)) {
                metadataIndent = indent;
                continue;
            }
            Matcher input = INPUT.matcher(line);
            if (input.matches() && !opened) {
                opened = true;
                container = input.group(1);
                continue;
            }
            Matcher durationLine = DURATION.matcher(line);
            if (opened && durationLine.find()) {
                ambiguous |= durationSeen;
                durationSeen = true;
                if (durationLine.group(1) != null) {
                    duration = Integer.parseInt(durationLine.group(1)) * 3600.0
                            + Integer.parseInt(durationLine.group(2)) * 60.0
                            + Double.parseDouble(durationLine.group(3));
                }
                if (durationLine.group(4) != null) {
                    start = Double.parseDouble(durationLine.group(4));
                }
                continue;
            }
            Matcher stream = STREAM.matcher(line);
            if (opened && stream.matches()) {
                ambiguous |= !streams.add(Integer.parseInt(stream.group(1)));
                String kind = stream.group(2);
                String details = stream.group(3);
                if (kind.equals("Audio")) {
                    audio = true;
                } else if (kind.equals("Video") && video == null && !details.contains("(attached pic)")) {
                    video = videoStream(Integer.parseInt(stream.group(1)), details);
                }
                continue;
            }
            Matcher logLine = LOG_LINE.matcher(line);
            if (logLine.matches()) {
                errors.add(logLine.group(1));
            } else if (!opened && !line.isBlank() && !line.contains(NO_OUTPUT)) {
                errors.add(line);
            }
        }
        if (ambiguous) {
            errors.add(AMBIGUOUS);
            return new ProbeReport(false, null, null, 0, null, false, null, errors);
        }
        return new ProbeReport(opened, container, duration, start, video, audio, null, errors);
    }

    private static int indent(String line) {
        int spaces = 0;
        while (spaces < line.length() && line.charAt(spaces) == ' ') {
            spaces++;
        }
        return spaces;
    }

    private static ProbeReport.VideoStream videoStream(int index, String details) {
        String codec = details.split("[ ,]", 2)[0];
        int width = 0;
        int height = 0;
        Matcher size = SIZE.matcher(details);
        if (size.find()) {
            width = Integer.parseInt(size.group(1));
            height = Integer.parseInt(size.group(2));
        }
        Double fps = rate(FPS.matcher(details));
        if (fps == null) {
            fps = rate(TBR.matcher(details));
        }
        return new ProbeReport.VideoStream(index, codec, width, height, fps);
    }

    private static Double rate(Matcher matcher) {
        if (!matcher.find()) {
            return null;
        }
        double value = Double.parseDouble(matcher.group(1)) * (matcher.group(2).isEmpty() ? 1 : 1000);
        return value > 0 ? value : null;
    }
}
