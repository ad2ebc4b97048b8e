package dev.streamingadaptive.predicate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the CLI's SQL-style {@code --where} expression into predicates, e.g.
 * {@code symbol = 'AAPL' and price >= 100.5 or cond is null}. Supports and/or/not with SQL
 * precedence, parentheses, = == != &lt;&gt; &lt; &lt;= &gt; &gt;=, {@code in (...)},
 * {@code between a and b}, {@code is [not] null}; literals are 'strings' ('' escapes a quote),
 * integers, decimals, floats with an exponent, true/false; column names are bare or "quoted".
 */
public final class WhereParser {
    private final String text;
    private int pos;

    private WhereParser(String text) {
        this.text = text;
    }

    /** The predicate the expression describes; IllegalArgumentException pointing at the problem otherwise. */
    public static RowPredicate parse(String expression) {
        WhereParser p = new WhereParser(expression);
        RowPredicate r = p.or();
        p.skipSpace();
        if (p.pos < p.text.length()) throw p.error("unexpected '" + p.text.substring(p.pos) + "'");
        return r;
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
        if (negated) throw error("expected IN or BETWEEN after NOT");
        ComparisonPredicate.Op op = operator();
        return new ComparisonPredicate(column, op, literal());
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
            return Long.parseLong(num);
        } catch (NumberFormatException e) {
            pos = start;
            throw error("bad number '" + num + "'");
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
