package dev.streamingadaptive.parquet.bloom;

import dev.streamingadaptive.parquet.meta.ColumnMetaData;
import dev.streamingadaptive.parquet.meta.ThriftCompactReader;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.streamingadaptive.parquet.meta.ThriftCompactReader.T_BYTE;
import static dev.streamingadaptive.parquet.meta.ThriftCompactReader.T_I16;
import static dev.streamingadaptive.parquet.meta.ThriftCompactReader.T_I32;
import static dev.streamingadaptive.parquet.meta.ThriftCompactReader.T_I64;
import static dev.streamingadaptive.parquet.meta.ThriftCompactReader.T_STRUCT;

/**
 * Reads the split-block Bloom filter of a column chunk: the Thrift-compact {@code BloomFilterHeader}
 * at {@code ColumnMetaData.bloom_filter_offset}, followed by {@code numBytes} bytes of bitset.
 *
 * <p>A Bloom filter only ever lets a reader skip work, so this reader never fails: a chunk without a
 * filter, a filter this reader does not support (an algorithm, hash or compression other than
 * BLOCK / XXHASH / UNCOMPRESSED) and a malformed one (out-of-file offsets, a bad header, a length
 * that disagrees with {@code bloom_filter_length}) all give {@code null}, which callers must read as
 * "no pruning". Problems are logged: the first one in the JVM at WARNING, later ones at DEBUG, so a
 * file with a bad filter in every row group does not flood the log.
 */
public final class BloomFilterReader {
    private BloomFilterReader() {}

    private static final System.Logger LOG = System.getLogger(BloomFilterReader.class.getName());
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    /**
     * The Bloom filter of a column chunk, or null when it has none or it cannot be used.
     *
     * @param file the whole file (for a mapped file: its segment); absolute offsets index it
     * @param md   the chunk's metadata
     * @return a filter viewing {@code file} (valid while {@code file} is), or null
     */
    public static SplitBlockBloomFilter read(MemorySegment file, ColumnMetaData md) {
        if (file == null || md == null || md.bloomFilterOffset() == null) return null;
        long offset = md.bloomFilterOffset();
        if (offset < 4) { // the file starts with the PAR1 magic, so no filter can start before byte 4
            return reject("Bloom filter offset " + offset + " of column " + md.dottedPath() + " is not after the file magic");
        }
        return readAt(file, offset, md.bloomFilterLength(), md.dottedPath());
    }

    /**
     * The Bloom filter (header and bitset) stored at {@code offset} of {@code data}, or null when it is
     * malformed or unsupported.
     *
     * @param length the length of header plus bitset when known ({@code bloom_filter_length}), else null
     */
    public static SplitBlockBloomFilter readAt(MemorySegment data, long offset, Integer length) {
        if (data == null) return null;
        return readAt(data, offset, length, null);
    }

    private static SplitBlockBloomFilter readAt(MemorySegment data, long offset, Integer length, String column) {
        String where = column == null ? "Bloom filter at offset " + offset
                : "Bloom filter of column " + column + " at offset " + offset;
        try {
            long size = data.byteSize();
            if (offset < 0 || offset >= size) return reject(where + " lies outside the " + size + "-byte file");
            long limit = size;
            if (length != null) {
                if (length <= 0 || length > size - offset) {
                    return reject(where + ": bloom_filter_length " + length + " does not fit in the " + size + "-byte file");
                }
                limit = offset + length;
            }
            ThriftCompactReader r = new ThriftCompactReader(data, offset, limit);
            Header h = header(r);
            if (h.problem != null) return reject(where + ": " + h.problem);
            long bitsetStart = r.position();
            if (h.numBytes > limit - bitsetStart) {
                return reject(where + ": bitset of " + h.numBytes + " bytes runs past "
                        + (length != null ? "bloom_filter_length " + length : "the end of the file"));
            }
            if (length != null && bitsetStart + h.numBytes != limit) {
                return reject(where + ": header and bitset take " + (bitsetStart + h.numBytes - offset)
                        + " bytes but bloom_filter_length is " + length);
            }
            return SplitBlockBloomFilter.of(data.asSlice(bitsetStart, h.numBytes));
        } catch (RuntimeException e) {
            // Malformed Thrift, or a segment that is no longer accessible: never prune, never fail.
            return reject(where + " cannot be read: " + e.getMessage());
        }
    }

    /** A parsed header: numBytes, or the reason the filter cannot be used. */
    private record Header(long numBytes, String problem) {}

    private static Header header(ThriftCompactReader r) {
        Long numBytes = null;
        String algorithm = null;
        String hash = null;
        String compression = null;
        r.structBegin();
        while (r.nextField()) {
            switch (r.fieldId()) {
                case 1 -> {
                    if (!isInteger(r.fieldType())) return new Header(0, "numBytes has Thrift type " + ThriftCompactReader.typeName(r.fieldType()));
                    numBytes = r.readInteger(r.fieldType());
                }
                case 2 -> algorithm = union(r, "BLOCK");
                case 3 -> hash = union(r, "XXHASH");
                case 4 -> compression = union(r, "UNCOMPRESSED");
                default -> r.skip(r.fieldType());
            }
        }
        r.structEnd();
        if (numBytes == null) return new Header(0, "header has no numBytes");
        if (numBytes <= 0 || numBytes % SplitBlockBloomFilter.BYTES_PER_BLOCK != 0) {
            return new Header(0, "numBytes " + numBytes + " is not a positive multiple of " + SplitBlockBloomFilter.BYTES_PER_BLOCK);
        }
        // All three unions are required; a writer that left one out is not one we can trust to use
        // the spec's defaults.
        if (!"BLOCK".equals(algorithm)) return new Header(0, "unsupported algorithm " + describe(algorithm));
        if (!"XXHASH".equals(hash)) return new Header(0, "unsupported hash " + describe(hash));
        if (!"UNCOMPRESSED".equals(compression)) return new Header(0, "unsupported compression " + describe(compression));
        return new Header(numBytes, null);
    }

    private static String describe(String member) {
        return member == null ? "(missing)" : member;
    }

    /**
     * Reads a union whose only member this reader knows is field 1 (an empty struct): returns
     * {@code known} for it, a description of any other member, or null for an empty union.
     */
    private static String union(ThriftCompactReader r, String known) {
        if (r.fieldType() != T_STRUCT) {
            String d = "encoded as Thrift " + ThriftCompactReader.typeName(r.fieldType());
            r.skip(r.fieldType());
            return d;
        }
        String member = null;
        r.structBegin();
        while (r.nextField()) {
            int id = r.fieldId();
            boolean isKnown = id == 1 && r.fieldType() == T_STRUCT;
            r.skip(r.fieldType()); // the members are empty structs; skipping tolerates future fields in them
            if (member == null) member = isKnown ? known : "member " + id;
            else member = "with several members";
        }
        r.structEnd();
        return member;
    }

    private static boolean isInteger(int type) {
        return type == T_BYTE || type == T_I16 || type == T_I32 || type == T_I64;
    }

    private static SplitBlockBloomFilter reject(String why) {
        System.Logger.Level level = WARNED.compareAndSet(false, true) ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG;
        LOG.log(level, "ignoring Bloom filter (no pruning from it): {0}", why);
        return null;
    }
}
