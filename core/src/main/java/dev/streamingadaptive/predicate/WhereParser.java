package dev.streamingadaptive.predicate;

import dev.streamingadaptive.types.TemporalText;

import dev.streamingadaptive.frame.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the CLI's SQL-style {@code --where} expression into predicates, e.g.
 * {@code symbol = 'AAPL' and price >= 100.5 or cond is null}. Supports and/or/not with SQL
 * precedence, parentheses, = == != &lt;&gt; &lt; &lt;= &gt; &gt;=, {@code in (...)},
 * {@code between a and b}, {@code is [not] null}, {@code starts_with(col, 'abc')} and
 * {@code col [not] like 'abc%'} (a prefix: one trailing %, no other wildcard); literals are
 * 'strings' ('' escapes a quote), integers, decimals, floats with an exponent, true/false and the
 * typed {@code date '2024-01-31'}, {@code timestamp '2024-01-31 09:30:00'}, {@code timestamptz
 * '...'} and {@code time '09:30'}; column names are bare or "quoted".
 *
 * <p>Plain string literals stay strings until {@link RowPredicate#bind} converts them for their
 * column (so {@code day >= '2024-01-31'} works on a DATE column, as in DuckDB); use
 * {@link #parse(String, Schema)} to parse and bind at once.
 */
public final class WhereParser {
    private final String text;
    private int pos;

    private WhereParser(String text) {
        this.text = text;
    }

    /**
     * The predicate the expression describes (unbound); IllegalArgumentException pointing at the
     * problem otherwise.
     */
    public static RowPredicate parse(String expression) {
        WhereParser p = new WhereParser(expression);
        RowPredicate r = p.or();
        p.skipSpace();
        if (p.pos < p.text.length()) throw p.error("unexpected '" + p.text.substring(p.pos) + "'");
        return r;
    }

    /**
     * The predicate bound to {@code schema} (see {@link RowPredicate#bind}): IllegalArgumentException
     * for syntax errors, its subclass {@link PredicateBindingException} for unknown columns and
     * literals that do not fit their column.
     */
    public static RowPredicate parse(String expression, Schema schema) {
        return parse(expression).bind(schema);
    }

    private RowPredicate or() {
        RowPredicate left = and();
        while (keyword("or")) left = new OrPredicate(left, and());
        return left;
    }

    private RowPredicate and() {
        RowPredicate left = not();
        while (keyword("and")) left = new AndPredicate(left, not());
        return left;
    }

    private RowPredicate not() {
        if (keyword("not")) return new NotPredicate(not());
        return primary();
    }

    private RowPredicate primary() {
        skipSpace();
        if (peek('(')) {
            pos++;
            RowPredicate inner = or();
            expect(')');
            return inner;
        }
        int functionStart = pos;
        if (keyword("starts_with") && accept('(')) {
            String column = identifier();
            expect(',');
            int at = pos;
            Object prefix = literal();
            if (!(prefix instanceof String p)) {
                pos = at;
                throw error("starts_with needs a 'string' prefix");
            }
            expect(')');
            return new StartsWithPredicate(column, p);
        }
        pos = functionStart;
        String column = identifier();
        if (keyword("is")) {
            boolean negated = keyword("not");
            if (!keyword("null")) throw error("expected NULL after IS");
            return new NullPredicate(column, !negated);
        }
        boolean negated = keyword("not");
        if (keyword("in")) {
            expect('(');
            List<Object> values = new ArrayList<>();
            do values.add(literal()); while (accept(','));
            expect(')');
            RowPredicate in = new ColumnFilterPredicate(column, values);
            return negated ? new NotPredicate(in) : in;
        }
        if (keyword("between")) {
            Object lo = literal();
            if (!keyword("and")) throw error("expected AND in BETWEEN");
            Object hi = literal();
            RowPredicate between = new AndPredicate(new ComparisonPredicate(column, ComparisonPredicate.Op.GE, lo),
                    new ComparisonPredicate(column, ComparisonPredicate.Op.LE, hi));
            return negated ? new NotPredicate(between) : between;
        }
        if (keyword("like")) {
            RowPredicate like = like(column);
            return negated ? new NotPredicate(like) : like;
        }
        if (negated) throw error("expected IN, BETWEEN or LIKE after NOT");
        ComparisonPredicate.Op op = operator();
        return new ComparisonPredicate(column, op, literal());
    }

    /** {@code LIKE 'prefix%'} as a prefix test; other patterns are not supported (yet). */
    private RowPredicate like(String column) {
        skipSpace();
        int at = pos;
        Object pattern = literal();
        if (!(pattern instanceof String p)) {
            pos = at;
            throw error("LIKE needs a 'pattern' string");
        }
        int wildcard = -1;
        for (int i = 0; i < p.length() && wildcard < 0; i++) if (p.charAt(i) == '%' || p.charAt(i) == '_') wildcard = i;
        if (wildcard != p.length() - 1 || p.charAt(wildcard) != '%') {
            pos = at;
            throw error("only prefix patterns like 'abc%' are supported by LIKE (one trailing %, no other % or _), got '"
                    + p + "'");
        }
        return new StartsWithPredicate(column, p.substring(0, p.length() - 1));
    }

    private ComparisonPredicate.Op operator() {
        skipSpace();
        for (String[] o : new String[][] {{"==", "EQ"}, {"!=", "NE"}, {"<>", "NE"}, {"<=", "LE"}, {">=", "GE"},
                {"=", "EQ"}, {"<", "LT"}, {">", "GT"}}) {
            if (text.startsWith(o[0], pos)) {
                pos += o[0].length();
                return ComparisonPredicate.Op.valueOf(o[1]);
            }
        }
        throw error("expected a comparison (=, !=, <, <=, >, >=), IN, BETWEEN or IS NULL");
    }

    private String identifier() {
        skipSpace();
        if (peek('"')) {
            int end = text.indexOf('"', pos + 1);
            if (end < 0) throw error("unterminated quoted column name");
            String name = text.substring(pos + 1, end);
            pos = end + 1;
            return name;
        }
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_' || text.charAt(pos) == '.')) pos++;
        if (start == pos) throw error("expected a column name");
        return text.substring(start, pos);
    }

    private Object literal() {
        skipSpace();
        if (peek('\'')) {
            StringBuilder sb = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= text.length()) throw error("unterminated string literal");
                char c = text.charAt(pos++);
                if (c == '\'') {
                    if (peek('\'')) { sb.append('\''); pos++; } else break;
                } else {
                    sb.append(c);
                }
            }
            return sb.toString();
        }
        int typedAt = pos;
        for (String type : new String[] {"date", "timestamptz", "timestamp", "time"}) {
            if (keyword(type)) {
                skipSpace();
                if (!peek('\'')) {
                    pos = typedAt;
                    throw error("expected a quoted value after " + type.toUpperCase(java.util.Locale.ROOT));
                }
                int valueAt = pos;
                String value = (String) literal();
                Object typed = typed(type, value);
                if (typed == null) {
                    pos = valueAt;
                    throw error("bad " + type.toUpperCase(java.util.Locale.ROOT) + " literal '" + value + "'");
                }
                return typed;
            }
        }
        if (keyword("true")) return Boolean.TRUE;
        if (keyword("false")) return Boolean.FALSE;
        int start = pos;
        if (pos < text.length() && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) pos++;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || ".eE".indexOf(text.charAt(pos)) >= 0
                || (pos > start && "+-".indexOf(text.charAt(pos)) >= 0 && "eE".indexOf(text.charAt(pos - 1)) >= 0))) pos++;
        String num = text.substring(start, pos);
        if (num.isEmpty() || num.equals("-") || num.equals("+")) throw error("expected a literal ('text', a number, true or false)");
        try {
            if (num.contains("e") || num.contains("E")) return Double.parseDouble(num);
            if (num.contains(".")) return new BigDecimal(num);
            java.math.BigInteger big = new java.math.BigInteger(num);
            // Integers beyond 64 bits (UBIGINT values above 2^63, HUGEINT) stay exact.
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        } catch (NumberFormatException e) {
            pos = start;
            throw error("bad number '" + num + "'");
        }
    }

    /** A typed literal's value: LocalDate, LocalDateTime (microseconds, as DuckDB's TIMESTAMP), Instant or LocalTime. */
    private static Object typed(String type, String value) {
        switch (type) {
            case "date":
                return TemporalText.parseDate(value);
            case "time":
                LocalTime t = TemporalText.parseTime(value);
                return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
            default:
                TemporalText.Stamp st = TemporalText.parseTimestamp(value);
                if (st == null) return null;
                boolean tz = type.equals("timestamptz");
                if (st.special()) {
                    long micros = st.infinity() > 0 ? Long.MAX_VALUE : -Long.MAX_VALUE;
                    Instant i = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
                    return tz ? i : LocalDateTime.ofInstant(i, ZoneOffset.UTC);
                }
                if (tz) return st.local().atZone(st.zone() == null ? ZoneOffset.UTC : st.zone()).toInstant().truncatedTo(ChronoUnit.MICROS);
                // As DuckDB: an offset in a TIMESTAMP (without time zone) literal is ignored.
                return st.local().truncatedTo(ChronoUnit.MICROS);
        }
    }

    private boolean keyword(String word) {
        skipSpace();
        int end = pos + word.length();
        if (end > text.length() || !text.regionMatches(true, pos, word, 0, word.length())) return false;
        if (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) return false;
        pos = end;
        return true;
    }

    private boolean accept(char c) {
        skipSpace();
        if (peek(c)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) throw error("expected '" + c + "'");
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("--where: " + what + " at position " + (pos + 1) + " of: " + text.replace('\n', ' '));
    }
}
