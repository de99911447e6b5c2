package dev.framesmith.auth.account;

import dev.framesmith.support.web.ProblemException;
import org.springframework.http.HttpStatus;

/** The problems of the account links. */
final class AccountProblems {

    static final String INVALID_LINK = "invalid-link";
    static final String ALREADY_VERIFIED = "email-already-verified";

    private AccountProblems() {
    }

    /** The same answer for a token that never existed, was used already, expired, or was replaced by a newer one. */
    static ProblemException invalidLink() {
        return new ProblemException(HttpStatus.BAD_REQUEST, INVALID_LINK, "Invalid or expired link",
                "This link is not valid: it was used already, it expired, a newer one was sent, or it is for "
                        + "another account than the one logged in. Ask for a new one.");
    }

    static ProblemException alreadyVerified() {
        return new ProblemException(HttpStatus.CONFLICT, ALREADY_VERIFIED, "Address already confirmed",
                "This e-mail address is confirmed already.");
    }
}
