package dev.framesmith.video.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.video.support.Api.Response;
import dev.framesmith.video.support.IntegrationTest;
import dev.framesmith.video.support.Multipart;
import dev.framesmith.video.support.TestUser;
import dev.framesmith.video.support.TestVideos;
import org.junit.jupiter.api.Test;

/** Until the owner has confirmed the e-mail address, nothing gets in: no upload of any kind, nothing stored. */
class ConfirmedAddressTest extends IntegrationTest {

    @Test
    void anUnconfirmedUserCanLookButNotUpload() {
        TestUser confirmed = TestUser.random();
        TestUser unconfirmed = confirmed.unverified();
        byte[] content = TestVideos.mp4(100_000);

        Response streamed = api.upload(unconfirmed.token(), new Multipart().video("clip.mp4", content));
        Response direct = api.postJson("/videos/uploads", unconfirmed.token(),
                "{\"filename\":\"clip.mp4\",\"sizeBytes\":" + content.length + ",\"contentType\":\"video/mp4\"}");

        for (Response refused : new Response[] {streamed, direct}) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.problem()).isEqualTo("email-not-verified");
        }
        assertThat(objectsOf(confirmed.id())).isEmpty();
        assertThat(itemsOf(confirmed.id())).isEmpty();
        assertThat(jobsOf(confirmed.id())).isEmpty();
        Response list = api.get("/videos", unconfirmed.token());
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
    }

    @Test
    void anUploadStartedWithAConfirmedAddressCannotBeCompletedWithAnUnconfirmedToken() {
        TestUser confirmed = TestUser.random();
        Response started = api.postJson("/videos/uploads", confirmed.token(),
                "{\"filename\":\"clip.mp4\",\"sizeBytes\":1000,\"contentType\":\"video/mp4\"}");
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        String id = started.json().path("id").asString();

        Response completed = api.postEmpty("/videos/" + id + "/complete", confirmed.unverified().token());

        assertThat(completed.status()).as(completed.toString()).isEqualTo(403);
        assertThat(completed.problem()).isEqualTo("email-not-verified");
        assertThat(video(id).getStatus().name()).isEqualTo("UPLOADING");
        assertThat(jobsOf(confirmed.id())).isEmpty();
    }
}
