package dev.streamingadaptive.cli;

import dev.streamingadaptive.expr.Expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.streamingadaptive.expr.Expr.col;
import static dev.streamingadaptive.expr.Expr.len;

/**
 * The {@code --agg} list of {@code query}: {@code "mean(price) as avg_price, sum(size), count(*)"}.
 * An aggregate without {@code as} is named as written ({@code sum(size)}), as DuckDB names it.
 */
final class AggregateList {
    private AggregateList() {}

    private static final Pattern ITEM = Pattern.compile(
            "\\s*([A-Za-z_]+)\\s*\\(\\s*(\\*|\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_.]*)\\s*(?:,\\s*([0-9.]+)\\s*)?\\)"
                    + "(?:\\s+(?i:as)\\s+(\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_]*))?\\s*");

    static List<Expr> parse(String text) {
        List<Expr> out = new ArrayList<>();
        for (String item : splitTopLevel(text)) {
            Matcher m = ITEM.matcher(item);
            if (!m.matches()) {
                throw new IllegalArgumentException("cannot read aggregate '" + item.trim()
                        + "': expected FUNCTION(COLUMN) [as NAME], e.g. mean(price) as avg_price or count(*)");
            }
            String fn = m.group(1).toLowerCase(Locale.ROOT);
            String arg = unquote(m.group(2));
            String q = m.group(3);
            Expr agg = aggregate(fn, arg, q, item.trim());
            String name = m.group(4) != null ? unquote(m.group(4))
                    : fn + "(" + m.group(2) + (q == null ? "" : ", " + q) + ")";
            out.add(agg.alias(name));
        }
        if (out.isEmpty()) throw new IllegalArgumentException("--agg needs at least one aggregate");
        return out;
    }

    private static Expr aggregate(String fn, String arg, String q, String item) {
        if (arg.equals("*")) {
            if (fn.equals("count") || fn.equals("len")) return len();
            throw new IllegalArgumentException(fn + "(*) is not an aggregate; only count(*) is");
        }
        if (q != null && !fn.equals("quantile")) throw new IllegalArgumentException("only quantile takes a second argument: " + item);
        Expr c = col(arg);
        return switch (fn) {
            case "sum" -> c.sum();
            case "mean", "avg" -> c.mean();
            case "min" -> c.min();
            case "max" -> c.max();
            case "count" -> c.count();
            case "n_unique", "count_distinct" -> c.nUnique();
            case "first" -> c.first();
            case "last" -> c.last();
            case "std", "stddev" -> c.std();
            case "var", "variance" -> c.var();
            case "median" -> c.median();
            case "quantile" -> {
                if (q == null) throw new IllegalArgumentException("quantile needs a fraction: quantile(" + arg + ", 0.9)");
                yield c.quantile(Double.parseDouble(q));
            }
            default -> throw new IllegalArgumentException("unknown aggregate '" + fn + "' in '" + item
                    + "'; known: sum, mean, min, max, count, n_unique, first, last, std, var, median, quantile, count(*)");
        };
    }

    private static List<String> splitTopLevel(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0, start = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') quoted = !quoted;
            else if (!quoted && ch == '(') depth++;
            else if (!quoted && ch == ')') depth--;
            else if (!quoted && depth == 0 && ch == ',') {
                out.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (!text.substring(start).isBlank()) out.add(text.substring(start));
        return out;
    }

    private static String unquote(String s) {
        return s.startsWith("\"") ? s.substring(1, s.length() - 1).replace("\"\"", "\"") : s;
    }
}
