package dev.streamingadaptive.exec;

import dev.streamingadaptive.reader.ScanStatistics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What a query execution read: the statistics of each scan, in the order they finished. Thread-safe. */
public final class ExecutionStatistics {
    /** One scan's source, figures, and the files it read of those it was given (partition pruning drops files). */
    public record Scan(String source, ScanStatistics statistics, int filesRead, int filesTotal) {}

    private final List<Scan> scans = Collections.synchronizedList(new ArrayList<>());

    void addScan(String source, ScanStatistics statistics, int filesRead, int filesTotal) {
        scans.add(new Scan(source, statistics, filesRead, filesTotal));
    }

    /** Files read by all scans. */
    public int filesRead() {
        int n = 0;
        for (Scan s : scans()) n += s.filesRead();
        return n;
    }

    /** Files given to all scans. */
    public int filesTotal() {
        int n = 0;
        for (Scan s : scans()) n += s.filesTotal();
        return n;
    }

    /** The scans executed. */
    public List<Scan> scans() {
        synchronized (scans) {
            return List.copyOf(scans);
        }
    }

    /** All scans' figures added up. */
    public ScanStatistics total() {
        ScanStatistics t = new ScanStatistics();
        for (Scan s : scans()) t = t.add(s.statistics());
        return t;
    }
}
