/**
 * Value and level decoders: PLAIN, RLE/bit-packing hybrid (levels, booleans, dictionary indices),
 * deprecated BIT_PACKED levels, DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY and
 * BYTE_STREAM_SPLIT.
 *
 * <p>All decoders read a {@link java.lang.foreign.MemorySegment} between an offset and an exclusive
 * limit and throw {@link dev.streamingadaptive.parquet.ParquetFormatException} (message includes the
 * offset) for malformed or truncated input. Destination array ranges are the caller's contract and
 * raise {@link IndexOutOfBoundsException} when wrong.
 *
 * <p>Not validated here (the caller's job): dictionary indices against the dictionary size,
 * definition/repetition levels against the maximum level, FIXED_LEN_BYTE_ARRAY lengths produced by
 * DELTA_BYTE_ARRAY against the type length, and value counts taken from page headers.
 */
package dev.streamingadaptive.parquet.encoding;
