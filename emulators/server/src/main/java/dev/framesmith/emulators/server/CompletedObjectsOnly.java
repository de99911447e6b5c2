package dev.framesmith.emulators.server;

import java.util.List;
import java.util.regex.Pattern;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists only objects whose upload has completed, as S3 does. S3Proxy's file stores write an object to
 * {@code <key>-<random UUID>} beside its key and rename it into place when the body has arrived, and a listing taken
 * meanwhile shows that file as an object of its own.
 */
final class CompletedObjectsOnly extends ForwardingBlobStore {

    /** What such a file is named: a key, a hyphen and a UUID. */
    static final Pattern BEING_WRITTEN = Pattern.compile(
            ".+-\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    CompletedObjectsOnly(BlobStore store) {
        super(store);
    }

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        ListObjectsV2Response listed = super.list(request);
        List<S3Object> completed = listed.contents().stream()
                .filter(object -> !BEING_WRITTEN.matcher(object.key()).matches())
                .toList();
        int hidden = listed.contents().size() - completed.size();
        if (hidden == 0) {
            return listed;
        }
        return listed.toBuilder()
                .contents(completed)
                .keyCount(listed.keyCount() == null ? null : listed.keyCount() - hidden)
                .build();
    }
}
