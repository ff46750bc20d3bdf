package dev.conference.agenda.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentLinesTest {

    @Test
    void escapesBackslashSemicolonCommaAndLineBreaks() {
        assertThat(ContentLines.escapeText("a\\b;c,d\ne\r\nf\rg")).isEqualTo("a\\\\b\\;c\\,d\\ne\\nf\\ng");
    }

    @Test
    void keepsTabsAndDropsOtherControlCharacters() {
        assertThat(ContentLines.escapeText("a\tb\u0000c\u0007d\u007f")).isEqualTo("a\tbcd");
    }

    @Test
    void leavesShortLinesAloneButEndsThemWithCrlf() {
        assertThat(ContentLines.fold("SUMMARY:Hello")).isEqualTo("SUMMARY:Hello\r\n");
    }

    @Test
    void foldsLongLinesAt75OctetsWithALeadingSpace() {
        String line = "DESCRIPTION:" + "x".repeat(200);

        String folded = ContentLines.fold(line);

        assertThat(folded).endsWith("\r\n");
        assertThat(folded.split("\r\n")).allSatisfy(physical ->
                assertThat(physical.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));
        assertThat(folded.split("\r\n")[0]).hasSize(75);
        assertThat(folded.split("\r\n")[1]).startsWith(" ").hasSize(75);
        assertThat(unfold(folded)).isEqualTo(line);
    }

    @Test
    void neverSplitsAMultiByteCharacter() {
        String line = "SUMMARY:" + "é🎉日".repeat(40);

        String folded = ContentLines.fold(line);

        for (String physical : folded.split("\r\n")) {
            byte[] octets = physical.getBytes(StandardCharsets.UTF_8);
            assertThat(octets.length).isLessThanOrEqualTo(75);
            assertThat(new String(octets, StandardCharsets.UTF_8)).isEqualTo(physical);
            assertThat(physical).doesNotContain("\uFFFD");
            assertThat(Character.isLowSurrogate(physical.charAt(physical.startsWith(" ") ? 1 : 0))).isFalse();
        }
        assertThat(unfold(folded)).isEqualTo(line);
    }

    private static String unfold(String folded) {
        return folded.replace("\r\n ", "").replace("\r\n", "");
    }
}
