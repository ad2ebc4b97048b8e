/**
 * streaming-adaptive core: Parquet reading, the in-memory DataFrame and its formats, expressions
 * and lazy queries. Exports only the public API; decoding internals (encodings, codecs, bloom
 * filters, the dataset scan in {@code dev.streamingadaptive.scan}, {@code reader.internal}) and the
 * engine's insides ({@code plan}, {@code exec}, {@code types}) stay inside.
 *
 * <p>The cli, bench, bench-jmh and fuzz modules put core on the class path (they are not named
 * modules; see {@code useModulePath=false} in the parent pom and the launch scripts), so these
 * exports bind programs on the module path only; the tools may keep using internals.
 */
module dev.streamingadaptive.core {
    requires aircompressor.v3;
    requires org.xerial.snappy; // snappy-java: native snappy decoding when native access is allowed
    requires dec; // org.brotli:dec has no module name; this is its automatic one
    requires net.sf.jsqlparser; // SQL text to syntax trees, for the sql package
    requires tools.jackson.core; // Jackson 3's streaming JSON parser, for NDJSON scans
    requires java.management; // heap usage and pressure notifications for the MemoryManager

    exports dev.streamingadaptive.expr;
    exports dev.streamingadaptive.frame;
    exports dev.streamingadaptive.frame.format;
    exports dev.streamingadaptive.memory;
    exports dev.streamingadaptive.lazy;
    exports dev.streamingadaptive.parquet;   // its exceptions only; the rest of parquet.* is internal
    // The read-only footer and schema model: public API returns it (MmapParquetReader.metadata(),
    // parquetSchema()) and every PredicatePushdown receives it (RowGroupMetadata's row group,
    // column chunks, schema leaves). Users read it; they never build or change it.
    exports dev.streamingadaptive.parquet.meta;
    exports dev.streamingadaptive.parquet.schema;
    // The writer: ParquetWriter (batch by batch) and its WriterOptions, also behind
    // LazyFrame.sinkParquet and DataFrame.writeParquet; its encoders stay package-private.
    exports dev.streamingadaptive.parquet.write;
    exports dev.streamingadaptive.predicate;
    exports dev.streamingadaptive.reader;
    exports dev.streamingadaptive.sql;
}
