package dev.framesmith.emulators.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3 through S3Proxy in this JVM: in memory, or files under {@code <data-dir>/s3}. Like S3 it accepts only
 * requests signed with AWS Signature V4 by the kit's credentials, in a header or in a presigned URL's query
 * (checked for expiry, and for the method, path and signed headers it was made for); anything else, anonymous
 * requests included, gets 403. Buckets are addressed path-style only. CORS lets a browser page PUT to a presigned
 * URL: its preflight OPTIONS needs no signature, as in S3.
 */
final class S3Emulator implements Emulator {

    private static final Logger log = LoggerFactory.getLogger(S3Emulator.class);

    private final S3Proxy proxy;
    private final String url;

    private S3Emulator(S3Proxy proxy, String url) {
        this.proxy = proxy;
        this.url = url;
    }

    static S3Emulator start(ServerOptions options) throws Exception {
        int port = Ports.resolve(options.portOf(Service.S3));
        String url = Ports.httpUrl(port);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore(options.dataDir("s3")))
                .endpoint(URI.create(url))
                .awsAuthentication(AuthenticationType.AWS_V4, EmulatorMain.ACCESS_KEY, EmulatorMain.SECRET_KEY)
                .corsRules(new CrossOriginResourceSharing(
                        List.of("*"),
                        List.of("GET", "PUT", "POST", "HEAD", "DELETE"),
                        List.of("*"),
                        List.of("ETag"),
                        "false"))
                .ignoreUnknownHeaders(true)
                .build();
        proxy.start();
        S3Emulator emulator = new S3Emulator(proxy, url);
        try {
            Probe.untilAnswered("s3", Probe.request(url + "/").GET().build(), Duration.ofSeconds(60), () -> true);
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        return emulator;
    }

    private static BlobStore blobStore(Path dir) throws IOException {
        if (dir == null) {
            return new OpenUploadsOnly(new CompletedObjectsOnly(new TransientNio2BlobStore()));
        }
        Files.createDirectories(dir);
        return new OpenUploadsOnly(new CompletedObjectsOnly(new FilesystemNio2BlobStore(dir.toString())));
    }

    @Override
    public Map<String, String> endpoints() {
        return Map.of("s3", url);
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            log.warn("stopping S3Proxy failed", e);
        }
    }
}
