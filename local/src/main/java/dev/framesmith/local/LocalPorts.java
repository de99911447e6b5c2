package dev.framesmith.local;

/**
 * Ports of the local run; 0 means any free port.
 *
 * @param gateway the gateway (web page and API)
 * @param auth    ms-auth
 * @param video   ms-video
 * @param notifications ms-notify
 * @param worker  video-worker (actuator only)
 * @param sqs     the SQS stand-in
 * @param s3      the S3 stand-in; fixed by default so that presigned links stay valid across restarts
 * @param dynamodb the DynamoDB stand-in
 * @param ses     the SES stand-in (its page lists the sent e-mails)
 * @param postgres PostgreSQL
 */
public record LocalPorts(int gateway, int auth, int video, int notifications, int worker, int sqs, int s3, int dynamodb,
        int ses, int postgres) {

    public LocalPorts {
        for (int port : new int[] {gateway, auth, video, notifications, worker, sqs, s3, dynamodb, ses, postgres}) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
    }

    /** The documented ports: gateway 8080, services 8081 to 8084, emulated AWS services 9711 to 9715. */
    public static LocalPorts standard() {
        return new LocalPorts(8080, 8081, 8082, 8083, 8084, 9711, 9712, 9713, 9714, 9715);
    }

    /** Every port free, as tests need to run beside a developer's own local run. */
    public static LocalPorts free() {
        return new LocalPorts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    public LocalPorts withGateway(int port) {
        return new LocalPorts(port, auth, video, notifications, worker, sqs, s3, dynamodb, ses, postgres);
    }

    public LocalPorts withAuth(int port) {
        return new LocalPorts(gateway, port, video, notifications, worker, sqs, s3, dynamodb, ses, postgres);
    }

    public LocalPorts withVideo(int port) {
        return new LocalPorts(gateway, auth, port, notifications, worker, sqs, s3, dynamodb, ses, postgres);
    }

    public LocalPorts withNotify(int port) {
        return new LocalPorts(gateway, auth, video, port, worker, sqs, s3, dynamodb, ses, postgres);
    }

    public LocalPorts withWorker(int port) {
        return new LocalPorts(gateway, auth, video, notifications, port, sqs, s3, dynamodb, ses, postgres);
    }
}
