package dev.streamingadaptive.frame.format;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.io.StagedFile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * A CSV ({@link CsvWriter}'s dialect, with a header row) or NDJSON ({@link JsonLinesWriter}) file
 * written batch by batch in UTF-8, gzip-compressed when the name ends in {@code .gz}, under a
 * temporary name renamed on {@link #close()}.
 */
final class TextFileWriter implements FrameWriter {
    private enum Kind { CSV, NDJSON }

    private final Path target;
    private final Path temp;
    private final Schema schema;
    private final Kind kind;
    private final Writer out;
    private long rows;
    private boolean done;

    private TextFileWriter(Path target, Path temp, Schema schema, Kind kind, Writer out) {
        this.target = target;
        this.temp = temp;
        this.schema = schema;
        this.kind = kind;
        this.out = out;
    }

    static TextFileWriter csv(Path out, Schema schema) {
        TextFileWriter w = open(out, schema, Kind.CSV);
        try {
            CsvWriter.writeHeader(schema, w.out);
        } catch (RuntimeException e) {
            w.abort();
            throw e;
        }
        return w;
    }

    static TextFileWriter ndjson(Path out, Schema schema) {
        return open(out, schema, Kind.NDJSON);
    }

    private static TextFileWriter open(Path out, Schema schema, Kind kind) {
        Objects.requireNonNull(schema, "schema");
        Path abs = out.toAbsolutePath();
        StagedFile.requireNotDirectory(abs);
        Path temp = StagedFile.stagingPath(abs);
        OutputStream raw = null;
        try {
            raw = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            if (abs.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) raw = new GZIPOutputStream(raw, 1 << 16);
            Writer w = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8), 1 << 16);
            return new TextFileWriter(abs, temp, schema, kind, w);
        } catch (IOException e) {
            try {
                if (raw != null) raw.close();
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the creation error is the one to report
            }
            throw new UncheckedIOException("cannot create " + temp + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void write(DataFrame batch) {
        if (done) throw new IllegalStateException("writer for " + target + " is closed");
        try {
            Objects.requireNonNull(batch, "batch");
            checkColumns(batch);
            if (kind == Kind.CSV) CsvWriter.writeRows(batch, out);
            else JsonLinesWriter.write(batch, out);
            rows += batch.height();
        } catch (RuntimeException | Error e) {
            abort();
            if (e instanceof UncheckedIOException u) {
                throw new UncheckedIOException("writing " + target + " failed: " + u.getCause().getMessage(), u.getCause());
            }
            throw e;
        }
    }

    private void checkColumns(DataFrame batch) {
        boolean same = batch.width() == schema.size();
        for (int i = 0; same && i < schema.size(); i++) {
            same = batch.column(i).name().equals(schema.fields().get(i).name())
                    && batch.column(i).type().equals(schema.fields().get(i).type());
        }
        if (!same) throw new IllegalArgumentException("batch columns " + batch.schema() + " differ from the writer's " + schema);
    }

    @Override
    public long rowsWritten() { return rows; }

    @Override
    public void close() {
        if (done) return;
        done = true;
        try {
            out.close();
            StagedFile.commit(temp, target);
        } catch (IOException e) {
            deleteTemp();
            throw new UncheckedIOException("finishing " + target + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void abort() {
        if (done) return;
        done = true;
        try {
            out.close();
        } catch (IOException ignored) {
            // deleting is what matters
        }
        deleteTemp();
    }

    private void deleteTemp() {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // nothing more we can do
        }
    }
}
