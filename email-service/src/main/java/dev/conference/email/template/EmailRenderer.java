package dev.conference.email.template;

import dev.conference.email.config.EmailProperties;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Fills a template with the caller's data. Everything the caller sent is HTML-escaped in the HTML part
 * and left literal in the text part; the subject is forced onto one line so it cannot inject headers.
 */
@Component
public class EmailRenderer {

    private static final Pattern LINE_BREAKS_AND_CONTROLS = Pattern.compile("[\\p{Cc}\\u2028\\u2029]+");

    private final String conferenceName;

    public EmailRenderer(EmailProperties properties) {
        this.conferenceName = properties.conferenceName();
    }

    public RenderedEmail render(EmailTemplate template, EmailContent content) {
        String subject = singleLine(template.subject(content.proposalTitle()));
        return new RenderedEmail(subject, text(template, content), html(template, content, subject));
    }

    /** Replaces CR, LF and every other control character with a space: a header value stays one header. */
    public static String singleLine(String value) {
        return LINE_BREAKS_AND_CONTROLS.matcher(value).replaceAll(" ").strip();
    }

    private String text(EmailTemplate template, EmailContent content) {
        var text = new StringBuilder()
                .append("Hello ").append(content.speakerName()).append(",\n\n")
                .append(template.sentence(content.proposalTitle(), conferenceName)).append("\n\n");
        if (content.trackingUrl() != null) {
            text.append("You can follow your proposal here:\n").append(content.trackingUrl()).append("\n\n");
        }
        return text.append("The ").append(conferenceName).append(" team\n").toString();
    }

    private String html(EmailTemplate template, EmailContent content, String subject) {
        var html = new StringBuilder()
                .append("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"UTF-8\"><title>")
                .append(escape(subject)).append("</title></head>\n<body>\n")
                .append("<p>Hello ").append(escape(content.speakerName())).append(",</p>\n")
                .append("<p>").append(template.sentence(escape(content.proposalTitle()), escape(conferenceName)))
                .append("</p>\n");
        if (content.trackingUrl() != null) {
            String url = escape(content.trackingUrl());
            html.append("<p>You can follow your proposal here: <a href=\"").append(url).append("\">")
                    .append(url).append("</a></p>\n");
        }
        return html.append("<p>The ").append(escape(conferenceName)).append(" team</p>\n</body>\n</html>\n")
                .toString();
    }

    private static String escape(String value) {
        return HtmlUtils.htmlEscape(value, "UTF-8");
    }
}
