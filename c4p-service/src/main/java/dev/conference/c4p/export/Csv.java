package dev.conference.c4p.export;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV as RFC 4180 writes it (comma separated, CRLF line ends, a cell with a comma, quote or line break in
 * double quotes, a quote doubled), with every cell that a spreadsheet would run as a formula neutralised: a
 * cell starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a leading
 * apostrophe, so the spreadsheet shows it as the text it is.
 */
final class Csv {

    static final String LINE_END = "\r\n";
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private Csv() {
    }

    /** One line of cells, null cells empty, with its line end. */
    static String row(List<String> cells) {
        return cells.stream().map(Csv::cell).collect(Collectors.joining(",", "", LINE_END));
    }

    /** One cell, neutralised then quoted when needed; null is an empty cell. */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        return quoted(neutralised(value));
    }

    static String neutralised(String value) {
        return !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    private static String quoted(String value) {
        boolean needsQuotes = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0
                || value.indexOf('\n') >= 0;
        return needsQuotes ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
