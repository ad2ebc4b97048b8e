package dev.streamingadaptive.plan;

import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.text.TextDataset;

import java.util.Objects;

/** CSV or JSON-lines files to scan: nothing to prune, every filter is evaluated on the parsed rows. */
public record TextSource(String description, TextDataset dataset) implements ScanSource {
    public TextSource {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(dataset, "dataset");
    }

    @Override public int fileCount() { return dataset.files().size(); }

    @Override public Schema schema() { return dataset.schema(); }

    @Override public String format() { return dataset.formatName(); }

    @Override public String toString() {
        return ScanSource.describe(this);
    }
}
