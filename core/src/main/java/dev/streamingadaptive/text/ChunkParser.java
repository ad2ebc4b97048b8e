package dev.streamingadaptive.text;

import dev.streamingadaptive.frame.DataFrame;

/**
 * Turns the records of one {@link Chunk} into a batch. One instance per scan; {@link #parse} is
 * called from several threads at once, so implementations keep per-call state on the stack.
 */
public interface ChunkParser {
    /**
     * The chunk's records as a batch of the scan's projected columns, in file order.
     *
     * @throws dev.streamingadaptive.frame.format.TextFormatException naming the file and line of
     *         the first bad record (unless the options ask to skip bad records)
     */
    DataFrame parse(Chunk chunk);
}
