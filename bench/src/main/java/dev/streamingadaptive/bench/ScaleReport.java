package dev.streamingadaptive.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/** The scale bench's Markdown section and charts ({@link ScaleBench}). */
final class ScaleReport {
    private ScaleReport() {}

    /** The facts of a run the section states. */
    record Env(int threads, String xmx, String duckdb, String polars, String pageCache, String args, String date) {}

    static String section(List<ScaleBench.Run> runs, List<ScaleData.Dataset> datasets, List<Workload> queries, List<String> systems, Env env) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Run: %s, `bench/run --scale%s`: %d threads; each query on each system in a fresh process, "
                + "one run, cold page cache (%s). Ours: LazyFrame API in `-Xmx%s`; DuckDB %s over JDBC with `SET memory_limit='%s'`; "
                + "Polars: %s, streaming engine, no memory limit; Hardwood: its column readers in `-Xmx%s`, the scans only (it has no "
                + "group-by or streaming filter of its own). Peak RSS: the process's "
                + "VmHWM (heap, native memory and the file pages mapped and resident at one time). \"cache +GB\": how much the "
                + "machine's page cache grew during the run.%n%n",
                env.date(), env.args().isEmpty() ? "" : " " + env.args(), env.threads(), env.pageCache(), env.xmx(), env.duckdb(),
                ScaleBench.duckdbLimit(env.xmx()), env.polars(), env.xmx()));
        sb.append("| data | query | system | s | GB/s | ours ÷ it | peak RSS MB | cache +GB | completed | result |\n");
        sb.append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |\n");
        for (ScaleData.Dataset d : datasets) {
            for (Workload q : queries) {
                Harness.Measurement ours = find(runs, d, q, "ours");
                for (String sys : systems) {
                    ScaleBench.Run r = run(runs, d, q, sys);
                    if (r == null) continue;
                    Harness.Measurement m = r.m();
                    if (!m.ok()) {
                        sb.append(String.format(Locale.ROOT, "| %s | %s | %s | | | | | | no: %s | |%n", d.label(), q, sys, m.error()));
                        continue;
                    }
                    String ratio = ours != null && ours.ok() ? String.format(Locale.ROOT, "%.2f", ours.seconds() / m.seconds()) : "";
                    sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %.2f | %s | %,d | %.1f | yes | %s |%n", d.label(), q, sys,
                            m.seconds(), d.gigabytes() / m.seconds(), ratio, m.peakRss() >> 20, r.cacheGrowth() / 1e9,
                            m.result() == null || m.result().equals("null") ? "not returned (sink)" : m.result().replace("|", "/")));
                }
            }
        }
        // No cliff past RAM: our seconds per GB on the largest folder dataset against the smallest.
        List<ScaleData.Dataset> folders = datasets.stream().filter(d -> d.files().size() > 1).toList();
        if (folders.size() >= 2) {
            ScaleData.Dataset small = folders.get(0), large = folders.get(folders.size() - 1);
            sb.append(String.format(Locale.ROOT, "%nOurs, seconds per GB at %s against %s (the goal: ≤ 1.3x):%n%n", large.label(), small.label()));
            sb.append("| query | s/GB small | s/GB large | ratio | best peer at large | ours ÷ best peer |\n| --- | ---: | ---: | ---: | --- | ---: |\n");
            for (Workload q : queries) {
                Harness.Measurement a = find(runs, small, q, "ours"), b = find(runs, large, q, "ours");
                if (a == null || b == null || !a.ok() || !b.ok()) continue;
                double sa = a.seconds() / small.gigabytes(), sl = b.seconds() / large.gigabytes();
                Harness.Measurement best = null;
                for (String sys : systems) {
                    Harness.Measurement m = find(runs, large, q, sys);
                    if (sys.equals("ours") || m == null || !m.ok()) continue;
                    if (best == null || m.seconds() < best.seconds()) best = m;
                }
                sb.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.2f | %s | %s |%n", q, sa, sl, sl / sa,
                        best == null ? "none completed" : String.format(Locale.ROOT, "%s %.2f s", best.system(), best.seconds()),
                        best == null ? "" : String.format(Locale.ROOT, "%.2f", b.seconds() / best.seconds())));
            }
        }
        sb.append('\n');
        for (Workload q : queries) sb.append("![").append(q).append("](bench/scale-").append(q).append(".png)\n");
        sb.append('\n');
        return sb.toString();
    }

    /**
     * The runs of the scale section of {@code docs/BENCHMARKS.md} read back (for redrawing the charts without measuring
     * again: {@code bench/run --scale --replot}). A dataset's size is its seconds times its GB/s.
     */
    static List<ScaleBench.Run> readBack(String md) {
        int from = md.indexOf("<!-- scale:begin -->"), to = md.indexOf("<!-- scale:end -->");
        if (from < 0 || to < from) throw new IllegalStateException("docs/BENCHMARKS.md has no scale section: run bench/run --scale first");
        java.util.Map<String, ScaleData.Dataset> datasets = new java.util.LinkedHashMap<>();
        List<ScaleBench.Run> runs = new ArrayList<>();
        for (String line : md.substring(from, to).split("\n")) {
            String[] c = line.split("\\|");
            if (c.length < 11 || !line.startsWith("| ") || line.startsWith("| data") || line.startsWith("| ---")) continue;
            String label = c[1].trim(), sys = c[3].trim();
            Workload q = Workload.valueOf(c[2].trim());
            boolean ok = c[9].trim().equals("yes");
            double seconds = ok ? Double.parseDouble(c[4].trim()) : Double.NaN;
            if (ok) {
                double gb = seconds * Double.parseDouble(c[5].trim());
                int files = label.endsWith(" 1 file") ? 1 : 2;   // only "one file or several" matters to the chart
                datasets.putIfAbsent(label, new ScaleData.Dataset(label, java.util.Collections.nCopies(files, java.nio.file.Path.of(label)),
                        "", 0, Math.round(gb * 1e9)));
            }
            ScaleData.Dataset d = datasets.get(label);
            if (d == null) continue;   // a dataset none completed on yet: its size is unknown here
            Harness.Measurement m = ok ? new Harness.Measurement(sys, 0, seconds, seconds, -1, -1, c[10].trim(), -1, null)
                    : Harness.failed(sys, 0, c[9].trim());
            runs.add(new ScaleBench.Run(d, q, m, 0));
        }
        return runs;
    }

    private static ScaleBench.Run run(List<ScaleBench.Run> runs, ScaleData.Dataset d, Workload q, String sys) {
        for (ScaleBench.Run r : runs) if (r.data() == d && r.query() == q && r.m().system().equals(sys)) return r;
        return null;
    }

    private static Harness.Measurement find(List<ScaleBench.Run> runs, ScaleData.Dataset d, Workload q, String sys) {
        ScaleBench.Run r = run(runs, d, q, sys);
        return r == null ? null : r.m();
    }

    /**
     * Time against data size for one query, log-log, one line per system over the multi-file datasets; the single
     * file as an open marker at its size. A run that did not complete is a cross at the top edge.
     */
    static void chart(Path file, Workload q, List<ScaleBench.Run> runs, List<String> systems) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int w = 900, h = 480, left = 70, right = 190, top = 70, bottom = 50;
        int pw = w - left - right, ph = h - top - bottom;
        List<ScaleBench.Run> mine = runs.stream().filter(r -> r.query() == q).toList();
        double minGb = mine.stream().mapToDouble(r -> r.data().gigabytes()).min().orElse(1);
        double maxGb = mine.stream().mapToDouble(r -> r.data().gigabytes()).max().orElse(10);
        double minS = mine.stream().filter(r -> r.m().ok()).mapToDouble(r -> r.m().seconds()).min().orElse(0.1);
        double maxS = mine.stream().filter(r -> r.m().ok()).mapToDouble(r -> r.m().seconds()).max().orElse(10);
        double x0 = Math.log10(minGb) - 0.1, x1 = Math.log10(maxGb) + 0.1;
        double y0 = Math.floor(Math.log10(Math.max(1e-3, minS))), y1 = Math.ceil(Math.log10(Math.max(maxS, minS * 10)));
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Chart.canvas(img, "Scale: " + q + " — " + q.description,
                "seconds (log) against GB of Parquet (log); cold page cache, one run; open marker: one single file");
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double e = y0; e <= y1; e++) {
            int y = top + (int) Math.round(ph * (y1 - e) / (y1 - y0));
            g.setColor(new Color(0xdddddd));
            g.drawLine(left, y, left + pw, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(fmt(Math.pow(10, e)) + " s", 8, y + 4);
        }
        java.util.Set<Long> labelled = new java.util.HashSet<>();
        for (ScaleBench.Run r : mine) {
            if (!labelled.add(Math.round(r.data().gigabytes()))) continue;   // the 10 GB folder and file share a label
            int x = left + (int) Math.round(pw * (Math.log10(r.data().gigabytes()) - x0) / (x1 - x0));
            g.setColor(new Color(0xeeeeee));
            g.drawLine(x, top, x, top + ph);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%.0f GB", r.data().gigabytes()), x - 14, top + ph + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, pw, ph);
        int legendY = top + 10;
        for (String sys : systems) {
            if (mine.stream().noneMatch(r -> r.m().system().equals(sys))) continue;   // not run on this query
            Color c = Chart.COLORS.getOrDefault(sys, Color.GRAY);
            g.setColor(c);
            g.setStroke(new BasicStroke(2.5f));
            List<int[]> line = new ArrayList<>();
            for (ScaleBench.Run r : mine) {
                if (!r.m().system().equals(sys)) continue;
                int x = left + (int) Math.round(pw * (Math.log10(r.data().gigabytes()) - x0) / (x1 - x0));
                boolean single = r.data().files().size() == 1;
                if (!r.m().ok()) {
                    g.drawLine(x - 6, top - 6, x + 6, top + 6);
                    g.drawLine(x - 6, top + 6, x + 6, top - 6);
                    continue;
                }
                int y = top + (int) Math.round(ph * (y1 - Math.log10(r.m().seconds())) / (y1 - y0));
                if (single) {
                    g.drawOval(x - 6, y - 6, 12, 12);
                } else {
                    g.fillOval(x - 4, y - 4, 8, 8);
                    line.add(new int[] {x, y});
                }
            }
            for (int i = 1; i < line.size(); i++) g.drawLine(line.get(i - 1)[0], line.get(i - 1)[1], line.get(i)[0], line.get(i)[1]);
            g.fillRect(left + pw + 14, legendY - 8, 14, 10);
            g.setColor(Color.BLACK);
            g.drawString(sys.equals("ours") ? "streaming-adaptive" : sys, left + pw + 34, legendY + 2);
            legendY += 20;
        }
        g.dispose();
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    private static String fmt(double v) {
        return v >= 1 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%s", v);
    }
}
