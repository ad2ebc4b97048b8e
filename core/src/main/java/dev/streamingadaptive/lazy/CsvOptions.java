package dev.streamingadaptive.lazy;

import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.Schema;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link LazyFrame#scanCsv(String, CsvOptions)} reads delimited text (UTF-8; a byte-order
 * mark is skipped; records end with LF or CRLF; gzip or zstd when the name ends in {@code .gz}
 * or {@code .zst}).
 *
 * <p>Column types are given ({@code schema}: every column, in file order; or {@code types}: some
 * columns by name, the rest inferred) or inferred from the first {@code inferRows} records of the
 * first file with DuckDB's rules: the first of boolean, int64, float64, time, date, timestamp
 * that every value parses as, else string; a column of nulls only is a string. Values parse as
 * {@code TextValues} describes (DuckDB's casts: {@code 007} and {@code +5} stay text,
 * {@code yes}/{@code no} are booleans, timestamps with a zone offset are UTC-adjusted).
 *
 * @param header       whether the first record names the columns (else {@code column0, column1, ...})
 * @param delimiter    the field separator
 * @param quote        the quote character; 0 for none
 * @param escape       the character that escapes a quote inside quotes (the quote itself: {@code ""})
 * @param comment      lines starting with it are skipped; 0 for none
 * @param nullValues   field texts read as null (quoted or not, as DuckDB); the empty field by default
 * @param skipRows     lines skipped before the header
 * @param schema       every column's name and type, or null
 * @param types        types of some columns by name, the others inferred
 * @param inferRows    records sampled to infer types
 * @param ignoreErrors skip records with the wrong number of fields or values that do not parse,
 *                     instead of failing with file and line
 * @param nullPadding  read records with too few fields with nulls for the missing ones
 */
public record CsvOptions(boolean header, char delimiter, char quote, char escape, char comment, List<String> nullValues,
                         int skipRows, Schema schema, Map<String, DataType> types, int inferRows, boolean ignoreErrors,
                         boolean nullPadding) {
    public CsvOptions {
        nullValues = List.copyOf(nullValues);
        types = Map.copyOf(types);
        if (delimiter == '\n' || delimiter == '\r' || delimiter == 0) throw new IllegalArgumentException("invalid delimiter");
        if (quote != 0 && quote == delimiter) throw new IllegalArgumentException("the quote and the delimiter are the same character");
        if (delimiter > 127 || quote > 127 || escape > 127 || comment > 127) {
            throw new IllegalArgumentException("delimiter, quote, escape and comment must be ASCII characters");
        }
        if (inferRows < 1) throw new IllegalArgumentException("inferRows must be at least 1: " + inferRows);
        if (skipRows < 0) throw new IllegalArgumentException("skipRows must not be negative: " + skipRows);
    }

    /** A header, {@code ,} separated, {@code "} quoted and escaped, no comments, empty fields null, 20,480 records to infer from (DuckDB's sample). */
    public static CsvOptions defaults() {
        return new CsvOptions(true, ',', '"', '"', (char) 0, List.of(""), 0, null, Map.of(), 20_480, false, false);
    }

    public CsvOptions withHeader(boolean on) {
        return new CsvOptions(on, delimiter, quote, escape, comment, nullValues, skipRows, schema, types, inferRows, ignoreErrors, nullPadding);
    }

    public CsvOptions withDelimiter(char c) {
        return new CsvOptions(header, c, quote, escape, comment, nullValues, skipRows, schema, types, inferRows, ignoreErrors, nullPadding);
    }

    /** The quote character (0 for none); the escape follows it when it was the old quote. */
    public CsvOptions withQuote(char c) {
        return new CsvOptions(header, delimiter, c, escape == quote ? c : escape, comment, nullValues, skipRows, schema, types, inferRows, ignoreErrors, nullPadding);
    }

    public CsvOptions withEscape(char c) {
        return new CsvOptions(header, delimiter, quote, c, comment, nullValues, skipRows, schema, types, inferRows, ignoreErrors, nullPadding);
    }

    public CsvOptions withComment(char c) {
        return new CsvOptions(header, delimiter, quote, escape, c, nullValues, skipRows, schema, types, inferRows, ignoreErrors, nullPadding);
    }

    public CsvOptions withNullValues(String... values) {
        return new CsvOptions(header, delimiter, quote, escape, comment, List.of(values), skipRows, schema, types, inferRows, ignoreErrors, nullPadding);
    }

    public CsvOptions withSkipRows(int n) {
        return new CsvOptions(header, delimiter, quote, escape, comment, nullValues, n, schema, types, inferRows, ignoreErrors, nullPadding);
    }

    /** Every column's name and type, in file order (a header, if any, is skipped, not checked against it). */
    public CsvOptions withSchema(Schema s) {
        return new CsvOptions(header, delimiter, quote, escape, comment, nullValues, skipRows, Objects.requireNonNull(s, "schema"), types, inferRows, ignoreErrors, nullPadding);
    }

    /** Types of some columns by name; the others are inferred. */
    public CsvOptions withTypes(Map<String, DataType> t) {
        return new CsvOptions(header, delimiter, quote, escape, comment, nullValues, skipRows, schema, t, inferRows, ignoreErrors, nullPadding);
    }

    public CsvOptions withInferRows(int n) {
        return new CsvOptions(header, delimiter, quote, escape, comment, nullValues, skipRows, schema, types, n, ignoreErrors, nullPadding);
    }

    public CsvOptions withIgnoreErrors(boolean on) {
        return new CsvOptions(header, delimiter, quote, escape, comment, nullValues, skipRows, schema, types, inferRows, on, nullPadding);
    }

    public CsvOptions withNullPadding(boolean on) {
        return new CsvOptions(header, delimiter, quote, escape, comment, nullValues, skipRows, schema, types, inferRows, ignoreErrors, on);
    }
}
