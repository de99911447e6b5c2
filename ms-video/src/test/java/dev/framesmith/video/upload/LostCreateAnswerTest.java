package dev.framesmith.video.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.framesmith.testsupport.Api.Response;
import dev.framesmith.testsupport.Multipart;
import dev.framesmith.testsupport.TestBackend;
import dev.framesmith.video.support.IntegrationTest;
import dev.framesmith.video.support.LostDynamoResponses;
import dev.framesmith.video.support.TestUser;
import dev.framesmith.video.support.TestVideos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A streamed upload whose video record was written while the answer to that write was lost (the SDK's retry then
 * finds the record there and is refused): the upload is refused as a whole, and the record written without an
 * answer goes with the others, so no video is left pointing at a source that was removed. Its own context, with
 * DynamoDB behind {@link LostDynamoResponses}, closed after the class.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LostCreateAnswerTest extends IntegrationTest {

    private static LostDynamoResponses dynamodb;

    @DynamicPropertySource
    static void dynamoDbThatLosesAnswers(DynamicPropertyRegistry registry) {
        dynamodb = LostDynamoResponses.inFrontOf(TestBackend.endpoints().dynamodb());
        registry.add("spring.cloud.aws.dynamodb.endpoint", () -> dynamodb.url().toString());
    }

    @AfterAll
    static void stopRelay() {
        if (dynamodb != null) {
            dynamodb.close();
        }
    }

    @Test
    void aRecordWrittenWhoseAnswerWasLostLeavesNoVideoBehindTheRefusedUpload() {
        TestUser user = TestUser.random();
        dynamodb.loseNext("PutItem", "lost-answer.mp4");

        Response response = upload(user.token(), new Multipart()
                .video("first.mp4", TestVideos.mp4(40_000))
                .video("lost-answer.mp4", TestVideos.mp4(50_000)));

        assertThat(dynamodb.lost()).isEqualTo(1);
        assertThat(response.status()).as(response.toString()).isEqualTo(500);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(itemsOf(user.id())).as("no video recorded").isEmpty();
        assertThat(objectsOf(user.id())).as("no source kept").isEmpty();
        assertThat(jobsOf(user.id())).isEmpty();
    }
}
