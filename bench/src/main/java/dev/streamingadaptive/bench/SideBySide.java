package dev.streamingadaptive.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What the small side-by-side benches ({@link CsvScanBench}, {@link ArrowExportBench}, {@link WriteBench}) share:
 * every system on every workload in its own process with results checked against ours, and the table rows.
 */
final class SideBySide {
    private SideBySide() {}

    /** The flags of a rows-sized bench: {@code --rows --workloads --systems --threads --runs --xmx --no-doc}. */
    record Options(long rows, List<String> workloads, List<String> systems, int threads, int runs, String xmx, boolean doc) {
        /** {@code defaults} with the flags in {@code args} applied. */
        static Options parse(String[] args, Options defaults) {
            Options o = defaults;
            for (int i = 0; i < args.length; i++) {
                String v = i + 1 < args.length ? args[i + 1] : null;
                o = switch (args[i]) {
                    case "--rows" -> new Options(Long.parseLong(v), o.workloads, o.systems, o.threads, o.runs, o.xmx, o.doc);
                    case "--workloads" -> new Options(o.rows, List.of(v.split(",")), o.systems, o.threads, o.runs, o.xmx, o.doc);
                    case "--systems" -> new Options(o.rows, o.workloads, List.of(v.split(",")), o.threads, o.runs, o.xmx, o.doc);
                    case "--threads" -> new Options(o.rows, o.workloads, o.systems, Integer.parseInt(v), o.runs, o.xmx, o.doc);
                    case "--runs" -> new Options(o.rows, o.workloads, o.systems, o.threads, Integer.parseInt(v), o.xmx, o.doc);
                    case "--xmx" -> new Options(o.rows, o.workloads, o.systems, o.threads, o.runs, v, o.doc);
                    case "--no-doc" -> new Options(o.rows, o.workloads, o.systems, o.threads, o.runs, o.xmx, false);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                };
                if (!args[i].equals("--no-doc")) i++;
            }
            return o;
        }
    }

    /** Runs one system on one workload (in a fresh process) and measures it. */
    interface Runner {
        Harness.Measurement run(String workload, String system) throws Exception;
    }

    /** Each workload on each system, in order; prints each measurement and any result that differs from ours. */
    static Map<String, Map<String, Harness.Measurement>> run(List<String> workloads, List<String> systems, Runner runner) throws Exception {
        Map<String, Map<String, Harness.Measurement>> results = new LinkedHashMap<>();
        for (String workload : workloads) {
            Map<String, Harness.Measurement> row = new LinkedHashMap<>();
            for (String sys : systems) {
                Harness.Measurement m = runner.run(workload, sys);
                row.put(sys, m);
                System.out.printf(Locale.ROOT, "  %-12s %-7s %s%n", workload, sys, m.ok()
                        ? String.format(Locale.ROOT, "%.2f s (cold %.2f s), peak RSS %d MB, result %s", m.seconds(), m.coldSeconds(),
                                m.peakRss() >> 20, m.result()) : "failed: " + m.error());
            }
            Harness.Measurement ours = row.get("ours");
            for (Harness.Measurement m : row.values()) {
                if (ours != null && ours.ok() && m.ok() && !Harness.sameResult(ours.result(), m.result())) {
                    System.out.println("!!!!!!!! RESULT MISMATCH in " + workload + ": " + m.system() + " " + m.result() + " vs ours " + ours.result());
                }
            }
            results.put(workload, row);
        }
        return results;
    }

    /**
     * One markdown row per workload and system: {@code | workload | system | warm s | cold s | ours ÷ it | …trailing |},
     * the trailing cells ({@code trailingColumns} of them, already joined by {@code " | "}) from {@code trailing}.
     */
    static void appendRows(StringBuilder sb, Map<String, Map<String, Harness.Measurement>> results, List<String> systems,
                           int trailingColumns, Function<Harness.Measurement, String> trailing) {
        for (Map.Entry<String, Map<String, Harness.Measurement>> e : results.entrySet()) {
            Harness.Measurement ours = e.getValue().get("ours");
            for (String sys : systems) {
                Harness.Measurement m = e.getValue().get(sys);
                if (!m.ok()) {
                    sb.append("| ").append(e.getKey()).append(" | ").append(sys).append(" | n/a: ").append(m.error())
                            .append(" |".repeat(3 + trailingColumns)).append('\n');
                    continue;
                }
                String ratio = ours != null && ours.ok() ? String.format(Locale.ROOT, "%.2f", ours.seconds() / m.seconds()) : "";
                sb.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %s | %s |%n", e.getKey(), sys, m.seconds(), m.coldSeconds(),
                        ratio, trailing.apply(m)));
            }
        }
    }
}
