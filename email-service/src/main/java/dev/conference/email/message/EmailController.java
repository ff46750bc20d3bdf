package dev.conference.email.message;

import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The internal API c4p-service's outbox relay calls to send a speaker an email. */
@RestController
class EmailController {

    private final EmailSender sender;

    EmailController(EmailSender sender) {
        this.sender = sender;
    }

    @PostMapping(path = "/emails", consumes = MediaType.APPLICATION_JSON_VALUE)
    SendEmailResponse send(@Valid @RequestBody SendEmailRequest request) {
        return sender.send(request);
    }
}
