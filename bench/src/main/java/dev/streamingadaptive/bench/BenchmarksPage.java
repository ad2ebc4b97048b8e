package dev.streamingadaptive.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An existing {@code docs/BENCHMARKS.md}, read back so that a partial run can replace only what it
 * measured: the {@code ### <case id>} sections under {@code ## Results} (text kept verbatim), the
 * hand-written {@code ## ...} sections after them (kept verbatim), and the facts of the run the page
 * was first written by (its Method text, which describes every section without a run line).
 */
final class BenchmarksPage {
    /** The first line of a section written by {@link Report}: which run measured it. */
    static final String RUN_PREFIX = "Run: ";
    /** Appended to the system cell of a row kept from an earlier run. */
    static final String EARLIER = " (earlier run, ";

    private static final Pattern RUN_LINE = Pattern.compile("^" + RUN_PREFIX + "(\\d{4}-\\d{2}-\\d{2}), `(\\w+)` mode");
    private static final Pattern REPRODUCE = Pattern.compile("\\*\\*Reproduce:\\*\\* `bench/run ?([^`]*)` \\(this page: `(\\w+)` mode, (\\d{4}-\\d{2}-\\d{2})");

    /** One {@code ### id — description} section: its lines up to the next heading, blank lines included. */
    record Section(String id, String text, String date, String mode) {
        /** The line describing the data ({@code trades, 40,000,000 rows, 1 file; ...}), or "". */
        String dataLine() {
            for (String l : text.split("\n", -1)) {
                if (l.isBlank() || l.startsWith("### ") || l.startsWith(RUN_PREFIX)) continue;
                return l.startsWith("|") ? "" : l;
            }
            return "";
        }

        /** Whether its table has the cold-run column (pages written before it have none). */
        boolean hasColdColumn() {
            return text.contains("| best s | cold s |");
        }

        /** The table rows (not header or separator), verbatim. */
        List<String> rows() {
            List<String> out = new ArrayList<>();
            for (String l : text.split("\n", -1)) {
                if (l.startsWith("| ") && !l.startsWith("| system |") && !l.startsWith("| --- ")) out.add(l);
            }
            return out;
        }
    }

    /** The run the page was first written by, as its Method text says (empty fields when it says nothing). */
    record Base(String args, String mode, String date, int runs, String xmx, List<Integer> threads) {}

    final Base base;
    final Map<String, Section> sections;
    /** Everything from the first {@code ## } heading after the results to the end, verbatim ("" if none). */
    final String tail;

    private BenchmarksPage(Base base, Map<String, Section> sections, String tail) {
        this.base = base;
        this.sections = sections;
        this.tail = tail;
    }

    static BenchmarksPage parse(String md) {
        Base base = parseBase(md);
        Map<String, Section> sections = new LinkedHashMap<>();
        String[] lines = md.split("\n", -1);
        int i = 0;
        while (i < lines.length && !lines[i].equals("## Results")) i++;
        StringBuilder tail = new StringBuilder();
        StringBuilder cur = null;
        String id = null;
        for (i++; i < lines.length; i++) {
            String l = lines[i];
            if (l.startsWith("## ")) {
                for (int k = i; k < lines.length; k++) tail.append(lines[k]).append(k + 1 < lines.length ? "\n" : "");
                break;
            }
            if (l.startsWith("### ")) {
                if (cur != null) add(sections, id, cur.toString(), base);
                String h = l.substring(4);
                int dash = h.indexOf(" — ");
                id = (dash < 0 ? h : h.substring(0, dash)).trim();
                cur = new StringBuilder();
            }
            if (cur != null) cur.append(l).append('\n');
        }
        if (cur != null) {
            // The last section of a page without a tail: drop the line split's empty remainder.
            String s = cur.toString();
            if (tail.isEmpty() && s.endsWith("\n\n")) s = s.substring(0, s.length() - 1);
            add(sections, id, s, base);
        }
        return new BenchmarksPage(base, sections, tail.toString());
    }

    private static void add(Map<String, Section> sections, String id, String text, Base base) {
        String date = base.date();
        String mode = base.mode();
        for (String l : text.split("\n")) {
            Matcher m = RUN_LINE.matcher(l);
            if (m.find()) {
                date = m.group(1);
                mode = m.group(2);
                break;
            }
        }
        sections.put(id, new Section(id, text, date, mode));
    }

    private static Base parseBase(String md) {
        Matcher m = REPRODUCE.matcher(md);
        String args = "", mode = "", date = "";
        if (m.find()) {
            args = m.group(1).trim();
            mode = m.group(2);
            date = m.group(3);
        }
        Matcher r = Pattern.compile("then (\\d+) more times").matcher(md);
        Matcher x = Pattern.compile("`-Xmx([^`]+)`").matcher(md);
        Matcher t = Pattern.compile("the same for everyone \\(\\[([0-9, ]+)\\]\\)").matcher(md);
        return new Base(args, mode, date, r.find() ? Integer.parseInt(r.group(1)) : -1, x.find() ? x.group(1) : "",
                t.find() ? Arrays.stream(t.group(1).split(",")).map(String::trim).map(Integer::parseInt).toList() : List.of());
    }

    /** True when the Method text named the run that wrote the page (mode and date). */
    boolean hasBase() {
        return !base.mode().isEmpty() && !base.date().isEmpty() && base.runs() > 0 && !base.xmx().isEmpty() && !base.threads().isEmpty();
    }

    /** The modes (quick, full, large) the sections were measured in. */
    Set<String> modes() {
        Set<String> out = new LinkedHashSet<>();
        for (Section s : sections.values()) out.add(s.mode());
        return out;
    }

    /** The system cell of a table row, without an earlier-run mark. */
    static String systemName(String row) {
        String s = cell(row, 0);
        int e = s.indexOf(EARLIER);
        return e < 0 ? s : s.substring(0, e);
    }

    /** The threads cell of a table row (0 when not a number). */
    static int threads(String row) {
        try {
            return Integer.parseInt(cell(row, 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The best-seconds cell of a table row, NaN for n/a or anything else that is not a number. */
    static double seconds(String row) {
        try {
            return Double.parseDouble(cell(row, 2));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Cell {@code k} (0-based) of a table row {@code | a | b | ... |}, trimmed. */
    static String cell(String row, int k) {
        String[] c = row.split("\\|", -1);
        return k + 1 < c.length ? c[k + 1].trim() : "";
    }

    /** The row with a cell inserted before cell {@code k} (0-based); an empty value leaves the cell blank. */
    static String insertCell(String row, int k, String value) {
        int at = -1;
        for (int i = 0; i <= k; i++) {
            at = row.indexOf('|', at + 1);
            if (at < 0) return row;
        }
        return row.substring(0, at + 1) + (value.isEmpty() ? " |" : " " + value + " |") + row.substring(at + 1);
    }

    /** The row with its system cell marked as kept from the run of {@code date} (a row already marked keeps its mark). */
    static String markEarlier(String row, String date) {
        int a = row.indexOf('|');
        int b = row.indexOf('|', a + 1);
        if (a < 0 || b < 0) return row;
        String sys = row.substring(a + 1, b).trim();
        if (sys.contains(EARLIER)) return row;
        return row.substring(0, a + 1) + " " + sys + EARLIER + (date.isEmpty() ? "date unknown" : date) + ") " + row.substring(b);
    }
}
