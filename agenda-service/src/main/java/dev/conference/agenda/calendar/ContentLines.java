package dev.conference.agenda.calendar;

/** RFC 5545 content-line rules: TEXT escaping (3.3.11) and line folding (3.1). */
final class ContentLines {

    static final String CRLF = "\r\n";
    private static final int MAX_LINE_OCTETS = 75;

    private ContentLines() {
    }

    /** Escapes a TEXT value: backslash, semicolon, comma and line breaks; drops other control characters. */
    static String escapeText(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        String normalized = text.replace("\r\n", "\n").replace('\r', '\n');
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case ';' -> escaped.append("\\;");
                case ',' -> escaped.append("\\,");
                case '\n' -> escaped.append("\\n");
                default -> {
                    if (c == '\t' || (c >= 0x20 && c != 0x7f)) {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }

    /**
     * Folds a content line so no physical line exceeds 75 octets of UTF-8, never splitting a
     * character, and ends it with CRLF. Continuation lines start with a space.
     */
    static String fold(String line) {
        StringBuilder folded = new StringBuilder(line.length() + 8);
        int octets = 0;
        for (int i = 0; i < line.length(); ) {
            int codePoint = line.codePointAt(i);
            int size = utf8Length(codePoint);
            if (octets + size > MAX_LINE_OCTETS) {
                folded.append(CRLF).append(' ');
                octets = 1;
            }
            folded.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        return folded.append(CRLF).toString();
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }
}
