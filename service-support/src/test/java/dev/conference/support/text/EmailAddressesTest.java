package dev.conference.support.text;

import static dev.conference.support.text.Escapes.unescape;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"ada@example.com", "first.last+tag@sub.example-domain.org", "A.B@EXAMPLE.COM",
            "o'brien@example.ie", "x_y-z!#$%&*/=?^`{|}~@example.co.uk", "a@b.io", "user@xn--bcher-kva.example"})
    void addressesAnSmtpServerTakesAreValid(String address) {
        assertThat(EmailAddresses.problem(address)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            a\\u00A0b@example.com           | white space
            jösé@example.com                | ASCII
            ada@exämple.com                 | ASCII
            ada@example.com\\u200B          | ASCII
            ada lovelace@example.com        | white space
            ada@example.com\\n              | white space
            a\\u0000@example.com            | white space
            \\u0020ada@example.com          | white space
            "a"@example.com                 | quoted
            "a b"@example.com               | quoted
            a@[127.0.0.1]                   | address literal
            a@[IPv6:::1]                    | address literal
            not-an-address                  | such as name@example.com
            @example.com                    | before the @
            .ada@example.com                | dot
            ada.@example.com                | dot
            a..da@example.com               | dot
            a(comment)@example.com          | '('
            a,b@example.com                 | ','
            a@b@example.com                 | '@'
            a\\b@example.com                | '\\'
            ada@                            | domain of 1 to 253
            ada@localhost                   | with a dot
            ada@example..com                | labels of 1 to 63
            ada@.example.com                | labels of 1 to 63
            ada@example.com.                | labels of 1 to 63
            ada@-example.com                | hyphen
            ada@example-.com                | hyphen
            ada@exa_mple.com                | letters, digits, hyphens
            ada@1.2.3.4                     | numeric
            """)
    void whatAnSmtpServerWouldRefuseIsRefusedWithTheReason(String escaped, String reason) {
        assertThat(EmailAddresses.problem(unescape(escaped))).hasValueSatisfying(problem -> assertThat(problem).contains(reason));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            64 | 10 | 63 | true
            65 | 10 | 63 | false
            10 | 63 |  3 | true
            10 | 64 |  3 | false
            """)
    void localPartAndLabelLengthsFollowSmtpLimits(int localPart, int label, int tld, boolean valid) {
        String address = "a".repeat(localPart) + "@" + "b".repeat(label) + "." + "c".repeat(tld);
        assertThat(EmailAddresses.isValid(address)).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({"254, true", "255, false"})
    void wholeAddressIsAtMost254Characters(int length, boolean valid) {
        // a 64-character local part, then 63-character labels until the address has the given length
        StringBuilder domain = new StringBuilder();
        int room = length - 65;
        while (room > 0) {
            int label = Math.min(63, room - (domain.isEmpty() ? 0 : 1));
            if (!domain.isEmpty()) {
                domain.append('.');
            }
            domain.append("d".repeat(label));
            room = length - 65 - domain.length();
        }
        String address = "a".repeat(64) + "@" + domain;
        assertThat(address).hasSize(length);
        assertThat(EmailAddresses.isValid(address)).isEqualTo(valid);
    }
}
