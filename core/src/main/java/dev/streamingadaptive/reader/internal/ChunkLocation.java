package dev.streamingadaptive.reader.internal;

/** Names a column chunk in error messages. */
record ChunkLocation(String file, int rowGroup, String column) {
}
