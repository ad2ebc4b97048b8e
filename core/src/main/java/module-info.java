/**
 * streaming-adaptive core: Parquet reading, the in-memory DataFrame and its formats.
 * Exports only the public API; decoding internals stay inside the module.
 */
module dev.streamingadaptive.core {
    requires aircompressor.v3;
    requires dec; // org.brotli:dec has no module name; this is its automatic one
    requires java.management; // heap usage and pressure notifications for the MemoryManager

    exports dev.streamingadaptive.expr;
    exports dev.streamingadaptive.frame;
    exports dev.streamingadaptive.frame.format;
    exports dev.streamingadaptive.memory;
    exports dev.streamingadaptive.lazy;
    exports dev.streamingadaptive.parquet;
    exports dev.streamingadaptive.parquet.meta;
    exports dev.streamingadaptive.parquet.schema;
    exports dev.streamingadaptive.parquet.write;
    exports dev.streamingadaptive.predicate;
    exports dev.streamingadaptive.reader;
}
