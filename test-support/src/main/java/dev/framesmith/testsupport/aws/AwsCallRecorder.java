package dev.framesmith.testsupport.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every AWS operation a service's own code sends while its tests run (presigned requests included): the
 * service, the operation, the resource by its role (queue {@code processing}, table {@code videos}, the bucket
 * and the key's first segment, the SES sender), and the call site. The SDK finds this interceptor on the test
 * classpath ({@code software/amazon/awssdk/global/handlers/execution.interceptors}); calls made by test code are
 * left out. The recording is written to the file named by the system property {@value #FILE_PROPERTY} (the build
 * sets it to {@code target/aws-calls/<plugin>.tsv}), which deploy-checks compares with the IAM policies.
 */
public final class AwsCallRecorder implements ExecutionInterceptor {

    public static final String FILE_PROPERTY = "framesmith.aws.calls.file";
    /** The tests of this run when only some were selected ({@code -Dtest=...}); the audit refuses such a recording. */
    public static final String SELECTION_PROPERTY = "framesmith.aws.calls.selection";

    private static final Set<String> RECORDED = ConcurrentHashMap.newKeySet();
    private static boolean started;

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String file = System.getProperty(FILE_PROPERTY);
        if (file == null || file.isBlank()) {
            return;
        }
        CallSite site = CallSite.current();
        if (site.fromTests()) {
            return;
        }
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        List<RecordedResource> resources = RecordedResource.of(service, context.request());
        for (RecordedResource resource : resources) {
            write(Path.of(file), String.join("\t", service, operation, resource.kind(), resource.role(),
                    resource.detail(), site.location()));
        }
    }

    private static void write(Path file, String line) {
        if (!RECORDED.add(line)) {
            return;
        }
        synchronized (AwsCallRecorder.class) {
            try {
                Files.createDirectories(file.getParent());
                if (!started) {
                    // One recording per test run of the module: what an earlier run recorded is replaced.
                    Files.writeString(file, "#\tselection\t" + System.getProperty(SELECTION_PROPERTY, "") + "\n",
                            StandardCharsets.UTF_8);
                    started = true;
                }
                Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record AWS calls in " + file, e);
            }
        }
    }
}
