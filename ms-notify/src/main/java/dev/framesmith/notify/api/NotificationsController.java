package dev.framesmith.notify.api;

import dev.framesmith.notify.delivery.DeliveryLog;
import dev.framesmith.notify.delivery.DeliveryRecord;
import dev.framesmith.support.messaging.LogContext;
import dev.framesmith.support.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal notifications API: other services ask for an e-mail, support reads delivery records.
 * Service tokens with the scope {@code notifications:send} only.
 */
@RestController
@RequestMapping("/notifications")
@PreAuthorize("hasAuthority('" + ServiceScope.AUTHORITY + "')")
@Tag(name = "Notifications", description = "Internal: e-mail notifications (service tokens with scope notifications:send)")
@ApiResponse(responseCode = "403", description = "The token lacks the scope notifications:send (`forbidden`)")
class NotificationsController {

    private static final Logger log = LoggerFactory.getLogger(NotificationsController.class);

    private final NotificationPublisher publisher;
    private final DeliveryLog deliveries;
    private final Clock clock;

    NotificationsController(NotificationPublisher publisher, DeliveryLog deliveries, Clock clock) {
        this.publisher = publisher;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @InitBinder("sendNotificationRequest")
    void templateFields(WebDataBinder binder) {
        binder.addValidators(new TemplateFieldsValidator(clock));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Queue an e-mail notification",
            description = "Validates the request and queues it; the e-mail is sent asynchronously, once per eventId.")
    @ApiResponse(responseCode = "202", description = "Queued")
    @ApiResponse(responseCode = "400", description = "Unreadable JSON (`malformed-request`) or invalid fields, each"
            + " listed in `errors` (`validation`)")
    @ApiResponse(responseCode = "503", description = "The queue is unavailable; try again after"
            + " `retryAfterSeconds` (`queue-unavailable`)")
    ResponseEntity<Queued> send(@Valid @RequestBody SendNotificationRequest request) {
        var notification = request.toMessage(UUID.randomUUID(), clock.instant());
        try (var logContext = LogContext.open().put("eventId", notification.eventId())
                .put("videoId", notification.videoId())) {
            publisher.publish(notification);
            log.info("Notification {} queued", notification.template());
        }
        return ResponseEntity.accepted()
                .location(URI.create("/notifications/" + notification.eventId()))
                .body(new Queued(notification.eventId()));
    }

    @GetMapping
    @Operation(summary = "Delivery records of a video's notifications, newest first (at most 100)")
    @ApiResponse(responseCode = "200", description = "The records, possibly none")
    @ApiResponse(responseCode = "400", description = "videoId missing or invalid (`validation`)")
    Deliveries byVideo(@RequestParam @NotBlank @Size(max = 100) String videoId) {
        return new Deliveries(videoId, deliveries.findByVideo(videoId));
    }

    @GetMapping("/{eventId}")
    @Operation(summary = "The delivery record of one notification")
    @ApiResponse(responseCode = "200", description = "The record")
    @ApiResponse(responseCode = "400", description = "The event id is not a UUID (`malformed-request`)")
    @ApiResponse(responseCode = "404", description = "No notification with this event id was processed yet"
            + " (`not-found`)")
    DeliveryRecord one(@PathVariable UUID eventId) {
        return deliveries.find(eventId).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "not-found",
                "Not found", "No notification with this event id has been processed yet."));
    }

    /** The notification was queued under this event id. */
    record Queued(UUID eventId) {
    }

    /** A video's delivery records. */
    record Deliveries(String videoId, List<DeliveryRecord> items) {
    }
}
