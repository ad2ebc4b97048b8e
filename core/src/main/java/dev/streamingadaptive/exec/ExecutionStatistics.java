package dev.streamingadaptive.exec;

import dev.streamingadaptive.reader.ScanStatistics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What a query execution read: the statistics of each scan, in the order they finished. Thread-safe. */
public final class ExecutionStatistics {
    /** One scan's source and figures. */
    public record Scan(String source, ScanStatistics statistics) {}

    private final List<Scan> scans = Collections.synchronizedList(new ArrayList<>());

    void addScan(String source, ScanStatistics statistics) {
        scans.add(new Scan(source, statistics));
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
