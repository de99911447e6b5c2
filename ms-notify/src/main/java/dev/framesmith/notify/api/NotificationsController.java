package dev.framesmith.notify.api;

import dev.framesmith.notify.delivery.DeliveryLog;
import dev.framesmith.notify.delivery.DeliveryRecord;
import dev.framesmith.support.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal notifications API: support reads delivery records. Service tokens with the scope
 * {@code notifications:send} only. E-mails are asked for on the notifications queue alone, by the services that know
 * the user and the address (ms-video, ms-auth); no caller can name a free address or link here.
 */
@RestController
@RequestMapping("/notifications")
@PreAuthorize("hasAuthority('" + ServiceScope.AUTHORITY + "')")
@Tag(name = "Notifications", description = "Internal: delivery records of e-mail notifications (service tokens with scope notifications:send)")
@ApiResponse(responseCode = "403", description = "The token lacks the scope notifications:send (`forbidden`)")
class NotificationsController {

    private final DeliveryLog deliveries;

    NotificationsController(DeliveryLog deliveries) {
        this.deliveries = deliveries;
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

    /** A video's delivery records. */
    record Deliveries(String videoId, List<DeliveryRecord> items) {
    }
}
