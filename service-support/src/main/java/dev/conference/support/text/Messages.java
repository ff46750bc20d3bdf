package dev.conference.support.text;

/** Bean Validation message templates from literal text. */
final class Messages {

    private Messages() {
    }

    /** The text as a template that interpolates to itself: braces and dollars escaped. */
    static String literal(String text) {
        return text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
