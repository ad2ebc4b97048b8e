package dev.streamingadaptive.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

/** A horizontal bar chart of seconds per system and thread count, drawn with Java2D (headless). */
final class Chart {
    private Chart() {}

    record Bar(String label, double seconds, String note, String system) {}

    static final Map<String, Color> COLORS = Map.of(
            "ours", new Color(0x1b9e77), "duckdb", new Color(0xd95f02), "duckdb-ctas", new Color(0xf4a261),
            "hardwood", new Color(0x7570b3), "parquet-java", new Color(0xe7298a), "polars", new Color(0x3a86ff),
            "ours-collect", new Color(0x66c2a5), "ours-32mb", new Color(0x0b5d45));

    static void write(Path file, String title, String subtitle, List<Bar> bars) throws IOException {
        System.setProperty("java.awt.headless", "true");
        // Wide enough for the longest label (variants such as "streaming-adaptive (32 MB budget), 2 threads").
        int labelW = Math.max(230, labelWidth(bars) + 16), plotW = 560, right = 110, top = 70, barH = 26, gap = 8, bottom = 50;
        int w = labelW + plotW + right;
        int h = top + bars.size() * (barH + gap) + bottom;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(img, title, subtitle);
        double max = bars.stream().mapToDouble(Bar::seconds).filter(d -> !Double.isNaN(d)).max().orElse(1);
        if (max <= 0) max = 1;
        double scale = niceCeil(max);
        // grid
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        int plotBottom = top + bars.size() * (barH + gap);
        for (int k = 0; k <= 4; k++) {
            double v = scale * k / 4;
            int x = labelW + (int) Math.round(plotW * v / scale);
            g.setColor(new Color(0xdddddd));
            g.setStroke(new BasicStroke(1));
            g.drawLine(x, top - 4, x, plotBottom);
            g.setColor(Color.DARK_GRAY);
            String s = fmt(v);
            g.drawString(s, x - fm.stringWidth(s) / 2, plotBottom + 16);
        }
        g.drawString("seconds (best of N, lower is better)", labelW + plotW / 2 - 100, plotBottom + 34);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        fm = g.getFontMetrics();
        int y = top;
        for (Bar b : bars) {
            g.setColor(Color.BLACK);
            g.drawString(b.label(), labelW - 8 - fm.stringWidth(b.label()), y + barH / 2 + fm.getAscent() / 2 - 2);
            if (Double.isNaN(b.seconds())) {
                g.setColor(Color.GRAY);
                String s = "n/a" + (b.note() == null ? "" : " — " + b.note());
                if (fm.stringWidth(s) > plotW + right - 10) s = s.substring(0, Math.min(s.length(), 80)) + "…";
                g.drawString(s, labelW + 6, y + barH / 2 + fm.getAscent() / 2 - 2);
            } else {
                int len = Math.max(2, (int) Math.round(plotW * b.seconds() / scale));
                g.setColor(COLORS.getOrDefault(b.system(), Color.GRAY));
                g.fillRect(labelW, y, len, barH);
                g.setColor(Color.BLACK);
                String s = String.format(Locale.ROOT, "%.3f s", b.seconds()) + (b.note() == null ? "" : "  " + b.note());
                g.drawString(s, labelW + len + 6, y + barH / 2 + fm.getAscent() / 2 - 2);
            }
            y += barH + gap;
        }
        g.setColor(Color.BLACK);
        g.drawLine(labelW, top - 4, labelW, plotBottom);
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    /** The width of the widest bar label in the label font. */
    /** A white, antialiased canvas over {@code img} with the title and subtitle drawn at its top (the plot starts at y = 60). */
    static Graphics2D canvas(BufferedImage img, String title, String subtitle) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        g.drawString(title, 12, 26);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.setColor(Color.DARK_GRAY);
        g.drawString(subtitle, 12, 48);
        return g;
    }

    private static int labelWidth(List<Bar> bars) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            FontMetrics fm = g.getFontMetrics();
            return bars.stream().mapToInt(b -> fm.stringWidth(b.label())).max().orElse(0);
        } finally {
            g.dispose();
        }
    }

    private static double niceCeil(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 1.2, 1.6, 2, 2.4, 3.2, 4, 6, 8, 10}) if (m * p >= v) return m * p;
        return 10 * p;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, v < 1 ? "%.2f" : "%.1f", v);
    }
}
