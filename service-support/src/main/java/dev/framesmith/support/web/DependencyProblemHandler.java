package dev.framesmith.support.web;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * An AWS dependency (S3, DynamoDB, SQS) that cannot be reached, does not answer in time, fails on its side (5xx) or
 * throttles is not the request's fault: the answer is 503 {@code service-unavailable} with {@code Retry-After}, not
 * a 500. The AWS exception may be wrapped (by Spring Cloud AWS's templates, a {@code CompletionException}, an
 * {@code UncheckedIOException}); any other AWS error (a 4xx that is no throttling) is unexpected, answered like
 * every unexpected error by {@link CommonProblemHandler}. Runs just before it, so a feature's own advice still wins.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class DependencyProblemHandler {

    static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(DependencyProblemHandler.class);

    /** Spring matches the handler on the exception or any of its causes; the chain is checked here again. */
    @ExceptionHandler(SdkException.class)
    ResponseEntity<Object> awsFailed(Exception ex) {
        SdkException failure = unavailable(ex);
        if (failure == null) {
            return CommonProblemHandler.internalError(ex);
        }
        log.warn("AWS dependency unavailable, answered 503: {}", describe(failure));
        ProblemException problem = ProblemException.retryLater(HttpStatus.SERVICE_UNAVAILABLE,
                Problems.SERVICE_UNAVAILABLE, "Service unavailable",
                "A storage or queue service this request needs is briefly unavailable. Please try again in %d"
                        + " seconds.", RETRY_AFTER);
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders()).body(problem.getBody());
    }

    /** The first exception in the chain that says the dependency is unavailable, or null. */
    static SdkException unavailable(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = error; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SdkClientException client) {
                return client;
            }
            if (cause instanceof AwsServiceException service
                    && (service.statusCode() >= 500 || service.isThrottlingException())) {
                return service;
            }
        }
        return null;
    }

    /** Class, status, AWS service and error code, and the root cause's class: never a message, which names hosts. */
    private static String describe(SdkException failure) {
        StringBuilder text = new StringBuilder(failure.getClass().getName());
        if (failure instanceof AwsServiceException service) {
            text.append(" status=").append(service.statusCode());
            if (service.awsErrorDetails() != null) {
                text.append(" service=").append(service.awsErrorDetails().serviceName())
                        .append(" errorCode=").append(service.awsErrorDetails().errorCode());
            }
        }
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 20; depth++) {
            root = root.getCause();
        }
        if (root != failure) {
            text.append(" cause=").append(root.getClass().getName());
        }
        return text.toString();
    }
}
