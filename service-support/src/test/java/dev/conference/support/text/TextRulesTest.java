package dev.conference.support.text;

import static dev.conference.support.text.Escapes.unescape;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"Kafka in practice", "Grüße aus Köln", "東京での講演", "emoji 🎤 talk", "ÉTÉ", "a-b_c (d) [e] 'f' \"g\"",
            "עברית ومعاني", "x\u200Dy"})
    void whatPeopleTypeIsPlainText(String text) {
        assertThat(TextRules.problem(text, false, true)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            a\\u0000b          | control characters (U+0000)
            a\\u001Bb          | control characters (U+001B)
            a\\u007Fb          | control characters (U+007F)
            a\\u0085b          | control characters (U+0085)
            ab\\uD800          | lone surrogate (U+D800)
            \\uDC00ab          | lone surrogate (U+DC00)
            abc\\u202Etxt.exe  | direction (U+202E)
            a\\u2066b          | direction (U+2066)
            caf\\uFFFD         | valid UTF-8 (U+FFFD)
            a\\uFFFEb          | valid UTF-8 (U+FFFE)
            a\\nb              | single line
            \\u200B\\u200B     | visible characters
            \\u3164            | visible characters
            \\u00A0\\u2003     | visible characters
            """)
    void whatOnlyLooksLikeTextIsRefusedWithTheReason(String escaped, String reason) {
        assertThat(TextRules.problem(unescape(escaped), false, true)).hasValueSatisfying(problem -> assertThat(problem).contains(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"line one\nline two", "tab\tseparated", "windows\r\nline"})
    void multilineTextMayBreakLines(String text) {
        assertThat(TextRules.problem(text, true, true)).isEmpty();
        assertThat(TextRules.problem(text, false, true)).contains("must be a single line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void withoutTheVisibleRuleBlankTextIsLeftToNotBlank(String text) {
        assertThat(TextRules.problem(text, false, false)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"=?utf-8?B?QWRh?=", "Ada =?UTF-8?Q?Lovel=C3=A1ce?=", "=?iso-8859-1?q??=", "x=?a?b?c?=y"})
    void encodedWordsAreRefusedInMailHeaders(String text) {
        assertThat(TextRules.problem(text, false, true)).isEmpty();
        assertThat(TextRules.mailHeaderProblem(text)).hasValueSatisfying(problem -> assertThat(problem).contains("encoded-words"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada Lovelace", "What is 2+2=?", "a=?b", "?= =?", "=?utf-8?X?abc?="})
    void textThatOnlyResemblesAnEncodedWordMayGoIntoMailHeaders(String text) {
        assertThat(TextRules.mailHeaderProblem(text)).isEmpty();
    }
}
