package dev.framesmith.support;

import dev.framesmith.support.security.CurrentUser;
import dev.framesmith.support.web.ProblemException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

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

        @PostMapping("/greetings")
        Greeting greet(@Valid @RequestBody Greeting greeting) {
            return greeting;
        }

        @GetMapping("/conflict")
        void conflict() {
            throw new ProblemException(HttpStatus.CONFLICT, "already-there", "Already there", "It is already there.");
        }

        @GetMapping("/boom")
        void boom() {
            throw new IllegalStateException("secret internals");
        }

        @GetMapping("/internal")
        @PreAuthorize("hasAuthority('SCOPE_notifications:send')")
        String internal() {
            return "ok";
        }
    }
}
