package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.parquet.encoding.RleBitPackedHybridDecoder;
import dev.streamingadaptive.parquet.meta.Encoding;
import dev.streamingadaptive.parquet.meta.PhysicalType;

import java.lang.foreign.MemorySegment;

/**
 * Decodes the non-null values of one column chunk in the chunk's physical representation, a batch
 * at a time, and hands each batch over as one dense {@link Column} (no nulls) of the output type.
 *
 * <p>A data page is opened with {@link #startPage} and then read in any number of
 * {@link #read}/{@link #skip} steps: the position inside the page (PLAIN offset, RLE/bit-packed
 * run, DELTA miniblock, BYTE_STREAM_SPLIT index) is kept between steps, so a batch smaller than a
 * page decodes only its own values. {@link #newBatch} starts a new output column; the dictionary
 * and the page position carry over.
 */
abstract sealed class ValueDecoder permits IntValueDecoder, LongValueDecoder, FloatValueDecoder, DoubleValueDecoder,
        BooleanValueDecoder, BinaryValueDecoder {
    /** Dictionary indices are decoded this many at a time, so scratch space never scales with a page. */
    private static final int INDEX_CHUNK = 1024;

    protected final DataType type;
    protected int dictionarySize = -1;
    private int[] indexScratch;

    // The open data page: its encoded values and how many of them were read or skipped.
    protected MemorySegment seg;
    protected long start;
    protected long pos;
    protected long limit;
    protected Encoding encoding;
    protected int pageValues;
    private int pageRead;
    /** The index stream of a dictionary-encoded page, else null. */
    private RleBitPackedHybridDecoder indices;

    protected ValueDecoder(DataType type) {
        this.type = type;
    }

    /** A decoder for this leaf's physical type producing {@code type}, with room for {@code expectedValues}. */
    static ValueDecoder create(PhysicalType physical, int typeLength, DataType type, int expectedValues, long binaryBytesHint) {
        int initial = Math.max(expectedValues, 16);
        return switch (physical) {
            case BOOLEAN -> new BooleanValueDecoder(type, initial);
            case INT32 -> new IntValueDecoder(type, initial);
            case INT64 -> new LongValueDecoder(type, initial, false);
            case INT96 -> new LongValueDecoder(type, initial, true);
            case FLOAT -> new FloatValueDecoder(type, initial);
            case DOUBLE -> new DoubleValueDecoder(type, initial);
            case BYTE_ARRAY -> new BinaryValueDecoder(type, initial, -1, binaryBytesHint);
            case FIXED_LEN_BYTE_ARRAY -> {
                if (typeLength <= 0) throw new ParquetFormatException("FIXED_LEN_BYTE_ARRAY column without a positive type_length");
                yield new BinaryValueDecoder(type, initial, typeLength, binaryBytesHint);
            }
        };
    }

    /** Decodes a dictionary page of {@code count} PLAIN values. */
    abstract void readDictionary(MemorySegment seg, long offset, long limit, int count);

    /** Opens a data page holding {@code count} non-null values encoded at {@code [offset, limit)}. */
    final void startPage(Encoding encoding, MemorySegment seg, long offset, long limit, int count) {
        this.encoding = encoding;
        this.seg = seg;
        this.start = offset;
        this.pos = offset;
        this.limit = limit;
        this.pageValues = count;
        this.pageRead = 0;
        this.indices = null;
        if (count == 0) return;
        // The page header parser keeps ids it does not know as null; the switches below must not see them.
        if (encoding == null) throw new ParquetFormatException("data page has a value encoding id the Parquet format does not define");
        if (encoding == Encoding.PLAIN_DICTIONARY || encoding == Encoding.RLE_DICTIONARY) {
            if (dictionarySize < 0) throw new ParquetFormatException("dictionary-encoded page but the chunk has no dictionary page");
            if (offset >= limit) throw new ParquetFormatException("dictionary-encoded page has no index data");
            indices = RleBitPackedHybridDecoder.forDictionaryIndices(seg, offset, limit);
        } else {
            startEncoded();
        }
    }

    /** Appends the next {@code count} values of the open page to the batch. */
    final void read(int count) {
        int from = consume(count);
        if (count == 0) return;
        if (indices == null) {
            readEncoded(from, count);
            return;
        }
        if (indexScratch == null) indexScratch = new int[INDEX_CHUNK];
        int[] scratch = indexScratch;
        int n = dictionarySize;
        for (int done = 0; done < count; ) {
            int k = Math.min(INDEX_CHUNK, count - done);
            indices.readInts(scratch, 0, k);
            if (gathersCheckedIndices()) {
                // The gather's own array bounds check is the range check: no pass over the indices before it.
                try {
                    readDictionaryIndices(scratch, k);
                } catch (ArrayIndexOutOfBoundsException e) {
                    checkIndices(scratch, k, n);
                    throw e;
                }
            } else {
                int bad = 0;
                for (int i = 0; i < k; i++) bad |= Integer.compareUnsigned(scratch[i], n) >= 0 ? 1 : 0;
                if (bad != 0) checkIndices(scratch, k, n);
                readDictionaryIndices(scratch, k);
            }
            done += k;
        }
    }

    /** Throws for the first of {@code indices[0, k)} outside a dictionary of {@code n} entries. */
    private static void checkIndices(int[] indices, int k, int n) {
        for (int i = 0; i < k; i++) {
            if (Integer.compareUnsigned(indices[i], n) >= 0) {
                throw new ParquetFormatException("dictionary index " + indices[i] + " out of range (dictionary has " + n + " entries)");
            }
        }
    }

    /**
     * Whether {@link #readDictionaryIndices} looks every index up in an array of exactly the dictionary's
     * size, so that an index out of range fails there (ArrayIndexOutOfBoundsException) before any value is
     * kept. Decoders that keep the indices themselves return false and get them checked first.
     */
    boolean gathersCheckedIndices() {
        return false;
    }

    /** Passes over the next {@code count} values of the open page. */
    final void skip(int count) {
        int from = consume(count);
        if (count == 0) return;
        if (indices != null) indices.skip(count);
        else skipEncoded(from, count);
    }

    private int consume(int count) {
        int from = pageRead;
        if (count < 0 || count > pageValues - from) {
            throw new ParquetFormatException("page has " + (pageValues - from) + " more values but its levels need " + count);
        }
        pageRead = from + count;
        return from;
    }

    /** Moves the PLAIN position over {@code count} values of {@code width} bytes. */
    protected final void skipFixed(int width, int count) {
        long bytes = (long) width * count;
        if (bytes > limit - pos) {
            throw new ParquetFormatException("PLAIN: " + count + " values need " + bytes + " bytes but only " + (limit - pos) + " remain");
        }
        pos += bytes;
    }

    /** Forgets the open page's data (its buffer is being released); {@link #startPage} comes next. */
    final void releasePage() {
        seg = null;
        indices = null;
        dropEncoded();
    }

    /** Drops the decoders of a non-dictionary page that refer to its data. */
    void dropEncoded() { }

    /** Appends the values of these (validated) dictionary indices. */
    abstract void readDictionaryIndices(int[] indices, int count);

    /** Checks and prepares a non-dictionary page (fields {@link #encoding}, {@link #seg}, {@link #start}, ... are set). */
    abstract void startEncoded();

    /** Appends values {@code [from, from + count)} of the open non-dictionary page. */
    abstract void readEncoded(int from, int count);

    /** Passes over values {@code [from, from + count)} of the open non-dictionary page. */
    abstract void skipEncoded(int from, int count);

    /**
     * Starts a new batch with room for {@code capacity} values (the previous batch's arrays now
     * belong to the column it produced); the dictionary and the open page carry over.
     *
     * @param bytesHint expected bytes of binary values in the batch; 0 when unknown
     */
    abstract void newBatch(int capacity, long bytesHint);

    /**
     * Starts a batch that writes its at most {@code count} values straight into {@code target} from
     * {@code offset} on (a whole-file column: no batch array to copy from afterwards); {@link #finish}
     * then returns a column over {@code target} whose size is {@code offset} plus the values read.
     * False, and nothing changed, when this decoder cannot write into that kind of array or the
     * values would not fit in it.
     */
    boolean newBatchInto(Object target, int offset, int count) {
        return false;
    }

    /** Heap held across batches: the dictionary and scratch space. */
    abstract long retainedBytes();

    /** Bytes of the index scratch, for {@link #retainedBytes()}. */
    protected final long scratchBytes() {
        return indexScratch == null ? 0 : (long) indexScratch.length * Integer.BYTES;
    }

    /** The values read so far in this batch as a dense column. */
    abstract Column finish(String name);

    /** Number of values read so far in this batch. */
    abstract int size();

    protected final ParquetFormatException unsupported(Encoding encoding, String physical) {
        return new ParquetFormatException("encoding " + encoding + " is not valid for " + physical + " values");
    }
}
