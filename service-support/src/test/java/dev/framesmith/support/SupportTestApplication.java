package dev.framesmith.support;

import dev.framesmith.support.security.CurrentUser;
import dev.framesmith.support.security.RequiresVerifiedEmail;
import dev.framesmith.support.web.ProblemException;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.ConnectException;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import software.amazon.awssdk.core.exception.SdkClientException;

@SpringBootApplication
class SupportTestApplication {

    record Greeting(@NotBlank String name, @Size(max = 5) String nick) {
    }

    @RestController
    static class TestController {

        @GetMapping("/me")
        CurrentUser me(CurrentUser user) {
            return user;
        }

        @PostMapping(path = "/files", consumes = "multipart/form-data")
        String files() {
            return "taken";
        }

        @GetMapping("/events")
        String events(CurrentUser user) {
            return "events for " + user.userId();
        }

        @PostMapping("/greetings")
        @ApiResponse(responseCode = "200", description = "The greeting")
        @ApiResponse(responseCode = "400", description = "Invalid fields (`validation`) or unreadable JSON"
                + " (`malformed-request`)")
        Greeting greet(@Valid @RequestBody Greeting greeting) {
            return greeting;
        }

        @GetMapping("/conflict")
        @ApiResponse(responseCode = "409", description = "It is already there (`already-there`)")
        void conflict() {
            throw new ProblemException(HttpStatus.CONFLICT, "already-there", "Already there", "It is already there.");
        }

        @GetMapping("/pages")
        int pages(@RequestParam int size) {
            return size;
        }

        @PostMapping(path = "/pages", consumes = "application/x-www-form-urlencoded")
        int pagesOfAForm(@RequestParam int size) {
            return size;
        }

        @GetMapping("/pages/{number}")
        int page(@PathVariable int number) {
            return number;
        }

        @GetMapping("/public/ping")
        String ping() {
            return "pong";
        }

        @GetMapping("/boom")
        void boom() {
            throw new IllegalStateException("secret internals");
        }

        @GetMapping("/stored")
        void stored() {
            throw new IllegalStateException("reading failed",
                    SdkClientException.create("Unable to execute HTTP request", new ConnectException()));
        }

        @PostMapping("/uploads")
        @RequiresVerifiedEmail
        String upload(CurrentUser user) {
            return "accepted for " + user.userId();
        }

        @GetMapping("/internal")
        @PreAuthorize("hasAuthority('SCOPE_notifications:send')")
        String internal() {
            return "ok";
        }
    }
}
