package dev.framesmith.testsupport.aws;

import java.security.CodeSource;
import java.util.List;
import java.util.Optional;

/**
 * Where an AWS call comes from: the innermost frame of Framesmith code (outside the test support), else the
 * innermost frame of the framework that called on the service's behalf (a listener container, say). A call whose
 * Framesmith frame was loaded from test classes belongs to a test, not to the service.
 */
record CallSite(String location, boolean fromTests) {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final List<String> INFRASTRUCTURE = List.of("software.amazon.awssdk.", "java.", "javax.", "jdk.",
            "sun.", "io.netty.", "org.reactivestreams.", "reactor.", "dev.framesmith.testsupport.",
            "dev.framesmith.emulators.");

    static CallSite current() {
        List<StackWalker.StackFrame> frames = WALKER.walk(stream -> stream.toList());
        Optional<StackWalker.StackFrame> own = frames.stream()
                .filter(f -> f.getClassName().startsWith("dev.framesmith.") && !infrastructure(f.getClassName()))
                .findFirst();
        if (own.isPresent()) {
            return new CallSite(describe(own.get()), loadedFromTests(own.get().getDeclaringClass()));
        }
        return frames.stream().filter(f -> !infrastructure(f.getClassName())).findFirst()
                .map(f -> new CallSite(describe(f), false))
                .orElse(new CallSite("unknown", false));
    }

    private static boolean infrastructure(String className) {
        return INFRASTRUCTURE.stream().anyMatch(className::startsWith);
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
