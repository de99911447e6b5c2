package dev.framesmith.support.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * A CLIENT span for each S3 and DynamoDB call made inside a trace, named {@code <service>/<operation>} (for example
 * {@code S3/PutObject}, {@code DynamoDb/UpdateItem}) with OpenTelemetry's RPC attributes for AWS
 * ({@code rpc.system=aws-api}, {@code rpc.service}, {@code rpc.method}) and the bucket or table. A call outside any
 * trace (a health check, a sweep) starts none, so that polling never floods the trace store; the SQS and SES calls
 * have spans of their own ({@link Traces}) and are left to them. A span covers the SDK's retries.
 */
public final class AwsCallSpans implements ExecutionInterceptor {

    private static final Map<String, String> REMOTE_SERVICES = Map.of("S3", "s3", "DynamoDb", "dynamodb");
    private static final ExecutionAttribute<Span> SPAN = new ExecutionAttribute<>("framesmith.trace.span");

    private final Tracer tracer;

    public AwsCallSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Span current = tracer.currentSpan();
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        if (current == null || !REMOTE_SERVICES.containsKey(service)) {
            return;
        }
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        Span.Builder span = tracer.spanBuilder().setParent(current.context()).name(service + "/" + operation)
                .kind(Span.Kind.CLIENT).remoteServiceName(REMOTE_SERVICES.get(service))
                .tag("rpc.system", "aws-api").tag("rpc.service", service).tag("rpc.method", operation);
        resource(context.request(), "Bucket").ifPresent(bucket -> span.tag("aws.s3.bucket", bucket));
        resource(context.request(), "TableName").ifPresent(table -> span.tag("aws.dynamodb.table_names", table));
        attributes.putAttribute(SPAN, span.start());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Span span = attributes.getAttribute(SPAN);
        if (span != null) {
            span.tag("http.response.status_code", Integer.toString(context.httpResponse().statusCode()));
            span.end();
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Span span = attributes.getAttribute(SPAN);
        if (span != null) {
            span.error(context.exception());
            span.end();
        }
    }

    private static Optional<String> resource(SdkRequest request, String field) {
        return request.getValueForField(field, String.class).filter(value -> !value.isBlank());
    }
}
