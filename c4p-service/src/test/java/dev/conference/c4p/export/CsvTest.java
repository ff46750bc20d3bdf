package dev.conference.c4p.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CsvTest {

    @ParameterizedTest(name = "a cell starting with {0} gets an apostrophe")
    @ValueSource(strings = {"=", "+", "-", "@"})
    void aCellAFormulaWouldStartWithIsNeutralised(String start) {
        assertThat(Csv.cell(start + "HYPERLINK(\"http://evil.example\")"))
                .isEqualTo("\"'" + start + "HYPERLINK(\"\"http://evil.example\"\")\"");
        assertThat(Csv.cell(start + "1")).isEqualTo("'" + start + "1");
    }

    @Test
    void aCellStartingWithATabIsNeutralised() {
        assertThat(Csv.cell("\t=1+1")).isEqualTo("'\t=1+1");
    }

    @Test
    void aCellStartingWithACarriageReturnIsNeutralisedAndQuoted() {
        assertThat(Csv.cell("\r=1+1")).isEqualTo("\"'\r=1+1\"");
    }

    @ParameterizedTest(name = "{0} is left as it is")
    @ValueSource(strings = {"Records in depth", "a=b", "1-2", "ada@example.com", "'already", "4.5", ""})
    void aCellThatCannotStartAFormulaIsUnchanged(String text) {
        assertThat(Csv.cell(text)).isEqualTo(text);
    }

    @ParameterizedTest(name = "[{0}] is quoted as [{1}]")
    @CsvSource(delimiter = '|', value = {
            "Lovelace, Ada|\"Lovelace, Ada\"",
            "The \"best\" talk|\"The \"\"best\"\" talk\""})
    void aCellWithACommaOrAQuoteIsQuotedWithQuotesDoubled(String text, String written) {
        assertThat(Csv.cell(text)).isEqualTo(written);
    }

    @Test
    void aLoneQuoteIsDoubledAndQuoted() {
        assertThat(Csv.cell("\"")).isEqualTo("\"\"\"\"");
    }

    @Test
    void aCellWithALineBreakIsQuoted() {
        assertThat(Csv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.cell("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
    }

    @Test
    void aNeutralisedCellIsStillQuotedWhenItNeedsIt() {
        assertThat(Csv.cell("-1, or more")).isEqualTo("\"'-1, or more\"");
    }

    @Test
    void aRowJoinsItsCellsWithCommasAndEndsWithCrLf() {
        List<String> cells = Arrays.asList("a", null, "b,c", "=d");

        assertThat(Csv.row(cells)).isEqualTo("a,,\"b,c\",'=d\r\n");
    }
}
