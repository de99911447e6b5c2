package dev.framesmith.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import dev.framesmith.testsupport.TestBackend;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3 and DynamoDB calls of a traced piece of work, as spans of it, against the AWS stand-ins. */
class AwsCallSpansTest {

    private final List<MutableSpan> finished = new CopyOnWriteArrayList<>();
    private final Tracing tracing = Tracing.newBuilder().addSpanHandler(new SpanHandler() {
        @Override
        public boolean end(TraceContext context, MutableSpan span, Cause cause) {
            finished.add(span);
            return true;
        }
    }).build();
    private final Tracer tracer = new BraveTracer(tracing.tracer(),
            new BraveCurrentTraceContext(tracing.currentTraceContext()), new BraveBaggageManager());
    private final AwsCallSpans spans = new AwsCallSpans(tracer);
    private final S3Client s3 = S3Client.builder()
            .endpointOverride(TestBackend.endpoints().s3()).forcePathStyle(true)
            .region(Region.of(TestBackend.endpoints().region())).credentialsProvider(credentials())
            .overrideConfiguration(configuration -> configuration.addExecutionInterceptor(spans)).build();
    private final DynamoDbClient dynamo = DynamoDbClient.builder()
            .endpointOverride(TestBackend.endpoints().dynamodb())
            .region(Region.of(TestBackend.endpoints().region())).credentialsProvider(credentials())
            .overrideConfiguration(configuration -> configuration.addExecutionInterceptor(spans)).build();

    @AfterEach
    void close() {
        s3.close();
        dynamo.close();
        tracing.close();
    }

    @Test
    void eachCallInsideATraceIsAClientSpanOfTheWorkThatMadeIt() {
        String bucket = "spans-" + UUID.randomUUID();
        s3.createBucket(request -> request.bucket(bucket));
        assertThat(finished).as("outside a trace, no span").isEmpty();

        Span work = tracer.nextSpan().name("work").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(work)) {
            s3.putObject(request -> request.bucket(bucket).key("a/b"), RequestBody.fromString("frames"));
            assertThat(s3.getObjectAsBytes(request -> request.bucket(bucket).key("a/b")).asUtf8String())
                    .isEqualTo("frames");
        } finally {
            work.end();
        }

        assertThat(finished).extracting(MutableSpan::name).containsExactly("S3/PutObject", "S3/GetObject", "work");
        MutableSpan put = finished.get(0);
        assertThat(put.kind()).isEqualTo(brave.Span.Kind.CLIENT);
        assertThat(put.remoteServiceName()).isEqualTo("s3");
        assertThat(put.parentId()).isEqualTo(work.context().spanId());
        assertThat(put.traceId()).isEqualTo(work.context().traceId());
        assertThat(put.tags()).containsEntry("rpc.system", "aws-api").containsEntry("rpc.service", "S3")
                .containsEntry("rpc.method", "PutObject").containsEntry("aws.s3.bucket", bucket)
                .containsEntry("http.response.status_code", "200");
        assertThat(put.error()).isNull();
    }

    @Test
    void aFailedCallIsASpanWithItsError() {
        Span work = tracer.nextSpan().name("work").start();
        try (Tracer.SpanInScope scope = tracer.withSpan(work)) {
            assertThatThrownBy(() -> dynamo.describeTable(request -> request.tableName("no-such-table")))
                    .isInstanceOf(ResourceNotFoundException.class);
        } finally {
            work.end();
        }

        MutableSpan describe = finished.get(0);
        assertThat(describe.name()).isEqualTo("DynamoDb/DescribeTable");
        assertThat(describe.remoteServiceName()).isEqualTo("dynamodb");
        assertThat(describe.tags()).containsEntry("aws.dynamodb.table_names", "no-such-table");
        assertThat(describe.error()).isInstanceOf(ResourceNotFoundException.class);
        assertThat(describe.parentId()).isEqualTo(work.context().spanId());
    }

    @Test
    void callsOutsideATraceStartNone() {
        dynamo.listTables();
        s3.listBuckets();

        assertThat(finished).isEmpty();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(TestBackend.endpoints().accessKey(),
                TestBackend.endpoints().secretKey()));
    }
}
