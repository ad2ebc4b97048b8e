package dev.streamingadaptive.text;

import java.util.Objects;

/**
 * Whole records of one text file: {@code length} bytes of {@code data} from {@code offset}, which
 * begin at the start of a record and end after a record's line terminator (or at the end of the
 * file). {@code firstLine} is the 1-based line of the file the first byte is on, so a parser can
 * name the line of a bad record; {@code index} is the chunk's position in the file (0, 1, ...);
 * {@code quoteFree}: the reader saw no quote character in it (a CSV parser may then skip the
 * fields nobody reads by looking for line ends alone).
 */
public record Chunk(String file, byte[] data, int offset, int length, long firstLine, long index, boolean quoteFree) {
    public Chunk {
        Objects.requireNonNull(data, "data");
        Objects.checkFromIndexSize(offset, length, data.length);
    }

    /** A chunk that may hold quotes. */
    public Chunk(String file, byte[] data, int offset, int length, long firstLine, long index) {
        this(file, data, offset, length, firstLine, index, false);
    }

    /** The same chunk narrowed to {@code [offset, offset + length)}, starting on {@code firstLine}. */
    public Chunk narrowed(int offset, int length, long firstLine) {
        return new Chunk(file, data, offset, length, firstLine, index, quoteFree);
    }

    /** The exclusive end in {@code data}. */
    public int end() { return offset + length; }
}
