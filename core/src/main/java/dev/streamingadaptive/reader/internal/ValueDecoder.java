package dev.streamingadaptive.reader.internal;

import dev.streamingadaptive.frame.Column;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.parquet.encoding.RleBitPackedHybridDecoder;
import dev.streamingadaptive.parquet.meta.Encoding;
import dev.streamingadaptive.parquet.meta.PhysicalType;

import java.lang.foreign.MemorySegment;

/**
 * Accumulates the non-null values of one column chunk, page by page, in the chunk's physical
 * representation, and hands them over as one dense {@link Column} (no nulls) of the output type.
 */
abstract sealed class ValueDecoder permits IntValueDecoder, LongValueDecoder, FloatValueDecoder, DoubleValueDecoder,
        BooleanValueDecoder, BinaryValueDecoder {

    protected final DataType type;
    protected int dictionarySize = -1;
    private int[] indexScratch = new int[0];

    protected ValueDecoder(DataType type) {
        this.type = type;
    }

    /**
     * A decoder for this leaf's physical type producing {@code type}.
     *
     * @param binaryBytesHint expected bytes of binary values (the chunk's uncompressed size), to
     *                        size the buffer once instead of growing it; 0 when unknown
     */
    static ValueDecoder create(PhysicalType physical, int typeLength, DataType type, int expectedValues, long binaryBytesHint) {
        int initial = Math.min(Math.max(expectedValues, 16), 1 << 20);
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

    /** Decodes {@code count} values of one data page. */
    final void readPage(Encoding encoding, MemorySegment seg, long offset, long limit, int count) {
        if (count == 0) return;
        if (encoding == Encoding.PLAIN_DICTIONARY || encoding == Encoding.RLE_DICTIONARY) {
            if (dictionarySize < 0) throw new ParquetFormatException("dictionary-encoded page but the chunk has no dictionary page");
            if (indexScratch.length < count) indexScratch = new int[count];
            if (offset >= limit) throw new ParquetFormatException("dictionary-encoded page has no index data");
            RleBitPackedHybridDecoder.forDictionaryIndices(seg, offset, limit).readInts(indexScratch, 0, count);
            int n = dictionarySize;
            for (int i = 0; i < count; i++) {
                if (Integer.compareUnsigned(indexScratch[i], n) >= 0) {
                    throw new ParquetFormatException("dictionary index " + indexScratch[i] + " out of range (dictionary has " + n + " entries)");
                }
            }
            readDictionaryIndices(indexScratch, count);
        } else {
            readEncoded(encoding, seg, offset, limit, count);
        }
    }

    /** Appends the values of these (validated) dictionary indices. */
    abstract void readDictionaryIndices(int[] indices, int count);

    /** Decodes non-dictionary values. */
    abstract void readEncoded(Encoding encoding, MemorySegment seg, long offset, long limit, int count);

    /**
     * A decoder of the same kind with no values but the same dictionary, for the next batch of
     * pages of the chunk (the previous batch's arrays now belong to the column it produced).
     */
    abstract ValueDecoder emptyCopy();

    /** The values read so far as a dense column. */
    abstract Column finish(String name);

    /** Number of values read so far. */
    abstract int size();

    protected final ParquetFormatException unsupported(Encoding encoding, String physical) {
        return new ParquetFormatException("encoding " + encoding + " is not valid for " + physical + " values");
    }
}
