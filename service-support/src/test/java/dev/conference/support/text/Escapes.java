package dev.conference.support.text;

/** Reads Java escapes out of test data, so a CSV source can hold characters that would break it. */
final class Escapes {

    private Escapes() {
    }

    /** Replaces each {@code \\uXXXX} by its UTF-16 unit and each {@code \\n} by a line feed. */
    static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (text.startsWith("\\u", i)) {
                out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (text.startsWith("\\n", i)) {
                out.append('\n');
                i++;
            } else {
                out.append(text.charAt(i));
            }
        }
        return out.toString();
    }
}
