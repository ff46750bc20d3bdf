package dev.conference.support.text;

import java.util.Optional;

/**
 * The platform's rule for email addresses: what an SMTP server without SMTPUTF8 accepts in
 * {@code RCPT TO}, and no more. An address is a dot-atom local part of at most 64 characters, an
 * {@code @}, and a domain name of at least two labels of letters, digits and inner hyphens (each at most
 * 63 characters, all together at most 253); the whole address is at most 254 characters. Quoted local
 * parts ({@code "a b"@example.com}), address literals ({@code a@[127.0.0.1]}), white space, control
 * characters and anything outside ASCII are refused: the platform does not offer SMTPUTF8.
 */
public final class EmailAddresses {

    static final int MAX_LENGTH = 254;
    static final int MAX_LOCAL_PART = 64;
    static final int MAX_DOMAIN = 253;
    static final int MAX_LABEL = 63;

    private EmailAddresses() {
    }

    /** Why {@code address} is not an address the platform sends to, or empty when it is one. */
    public static Optional<String> problem(String address) {
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return Optional.of("must be an address such as name@example.com");
        }
        String localPart = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (localPart.startsWith("\"")) {
            return Optional.of("must not have a quoted local part");
        }
        if (domain.startsWith("[")) {
            return Optional.of("must name a domain, not an address literal in brackets");
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= ' ' || c == '\u007F' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return Optional.of("must not contain white space or control characters");
            }
            if (c > '\u007F') {
                return Optional.of("must contain only ASCII characters (internationalized addresses are not supported)");
            }
        }
        if (address.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters long");
        }
        return localPartProblem(localPart).or(() -> domainProblem(domain));
    }

    public static boolean isValid(String address) {
        return problem(address).isEmpty();
    }

    private static Optional<String> localPartProblem(String localPart) {
        if (localPart.isEmpty() || localPart.length() > MAX_LOCAL_PART) {
            return Optional.of("must have 1 to " + MAX_LOCAL_PART + " characters before the @");
        }
        if (localPart.startsWith(".") || localPart.endsWith(".") || localPart.contains("..")) {
            return Optional.of("must not start or end with a dot or have two dots in a row before the @");
        }
        for (int i = 0; i < localPart.length(); i++) {
            char c = localPart.charAt(i);
            if (c != '.' && !isAtext(c)) {
                return Optional.of("must not contain '" + c + "' before the @");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> domainProblem(String domain) {
        if (domain.isEmpty() || domain.length() > MAX_DOMAIN) {
            return Optional.of("must have a domain of 1 to " + MAX_DOMAIN + " characters after the @");
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return Optional.of("must have a domain with a dot, such as example.com");
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > MAX_LABEL) {
                return Optional.of("must have domain labels of 1 to " + MAX_LABEL + " characters");
            }
            if (label.startsWith("-") || label.endsWith("-")) {
                return Optional.of("must not have a domain label that starts or ends with a hyphen");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!isLetterOrDigit(c) && c != '-') {
                    return Optional.of("must have a domain of letters, digits, hyphens and dots only");
                }
            }
        }
        if (labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of("must have a domain name, not a numeric address");
        }
        return Optional.empty();
    }

    /** RFC 5322 atext: the characters of a dot-atom besides the dots. */
    private static boolean isAtext(char c) {
        return isLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }

    private static boolean isLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
