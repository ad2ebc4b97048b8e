package dev.streamingadaptive.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Polars peer: {@code node bench/polars/run.mjs <workload> <file-or-glob> [threads]} (written
 * and installed separately; {@code bench/run} runs {@code npm install} in bench/polars). It prints
 * one JSON line {@code {"seconds","rows","peakRssBytes","result"}}; REPS, SYMBOL, LO and HI are
 * passed in its environment. When node, the script or its modules are missing, every Polars cell
 * says n/a with the reason.
 */
final class Polars {
    private final Path script;
    private final String unavailable;
    private final String version;

    private Polars(Path script, String unavailable, String version) {
        this.script = script;
        this.unavailable = unavailable;
        this.version = version;
    }

    static Polars find(Path root) {
        Path dir = root.resolve("bench/polars");
        Path script = dir.resolve("run.mjs");
        if (!Files.exists(script)) return new Polars(script, "bench/polars/run.mjs missing", "n/a");
        if (!Files.isDirectory(dir.resolve("node_modules/nodejs-polars"))) {
            return new Polars(script, "nodejs-polars not installed (npm install in bench/polars)", "n/a");
        }
        String node;
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            node = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) return new Polars(script, "node does not run", "n/a");
        } catch (Exception e) {
            return new Polars(script, "node not found", "n/a");
        }
        String v = "?";
        try {
            String pkg = Files.readString(dir.resolve("node_modules/nodejs-polars/package.json"));
            Matcher m = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(pkg);
            if (m.find()) v = m.group(1);
        } catch (Exception e) {
            // keep "?"
        }
        return new Polars(script, null, "nodejs-polars " + v + " (Node " + node + ")");
    }

    String version() { return version; }

    Harness.Measurement run(Harness.Case cs, int threads, int runs, Path logDir) throws Exception {
        if (unavailable != null) return Harness.failed("polars", threads, unavailable);
        ProcessBuilder pb = new ProcessBuilder(List.of("node", script.toString(), cs.workload().name(), cs.polarsSource(), Integer.toString(threads)));
        pb.environment().put("REPS", Integer.toString(runs));
        pb.environment().put("SYMBOL", Workload.RARE_SYMBOL);
        pb.environment().put("LO", Long.toString(cs.lo()));
        pb.environment().put("HI", Long.toString(cs.hi()));
        return Harness.runProcess("polars", threads, pb, logDir.resolve(cs.id() + "-polars-t" + threads), 3600);
    }
}
