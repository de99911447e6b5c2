package dev.framesmith.testsupport.aws;

import java.security.CodeSource;
import java.util.List;
import java.util.Optional;

/**
 * Where an AWS call comes from: the innermost frame of Framesmith code, or, on a framework's thread working for the
 * service (a listener container polling its queue), the innermost frame of that framework. A call whose innermost
 * Framesmith frame is test code (test classes, the test support or the emulator kit) belongs to a test, not to the
 * service.
 */
record CallSite(String location, boolean fromTests) {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final String RECORDER = CallSite.class.getPackageName() + ".";
    private static final List<String> TEST_CODE = List.of("dev.framesmith.testsupport.", "dev.framesmith.emulators.");
    private static final List<String> INFRASTRUCTURE = List.of("software.amazon.awssdk.", "java.", "javax.", "jdk.",
            "sun.", "io.netty.", "org.reactivestreams.", "reactor.", RECORDER);

    static CallSite current() {
        List<StackWalker.StackFrame> frames = WALKER.walk(stream -> stream
                .filter(f -> !f.getClassName().startsWith(RECORDER)).toList());
        Optional<StackWalker.StackFrame> own = frames.stream()
                .filter(f -> f.getClassName().startsWith("dev.framesmith.")).findFirst();
        if (own.isPresent()) {
            StackWalker.StackFrame frame = own.get();
            boolean tests = TEST_CODE.stream().anyMatch(frame.getClassName()::startsWith)
                    || loadedFromTests(frame.getDeclaringClass());
            return new CallSite(describe(frame), tests);
        }
        return frames.stream().filter(f -> INFRASTRUCTURE.stream().noneMatch(f.getClassName()::startsWith)).findFirst()
                .map(f -> new CallSite(describe(f), false))
                .orElse(new CallSite("unknown", false));
    }

    private static String describe(StackWalker.StackFrame frame) {
        return frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
                + frame.getLineNumber() + ")";
    }

    private static boolean loadedFromTests(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return source != null && source.getLocation() != null
                && source.getLocation().getPath().contains("/test-classes/");
    }
}
