package dev.streamingadaptive.parquet.bloom;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Parquet's split-block Bloom filter (BloomFilter.md): a bitset of 256-bit blocks, each made of
 * eight little-endian 32-bit words. A 64-bit value hash selects one block with its upper 32 bits
 * and, through eight salts applied to its lower 32 bits, one bit in each word of that block.
 *
 * <p>The bitset is a view, not a copy: a filter built on a mapped file's segment is only usable
 * while that file stays mapped. {@link #mightContain} never allocates.
 */
public final class SplitBlockBloomFilter {
    /** Bytes per block: eight 32-bit words. */
    public static final int BYTES_PER_BLOCK = 32;

    // The eight odd salts of the specification, one per word of a block.
    private static final int[] SALT = {
        0x47b6137b, 0x44974d91, 0x8824ad5b, 0xa2b7289d, 0x705495c7, 0x2df1424b, 0x9efc4947, 0x5c6bfb31
    };

    private static final ValueLayout.OfInt WORD = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment bitset;
    private final long numBlocks;

    private SplitBlockBloomFilter(MemorySegment bitset) {
        long size = bitset.byteSize();
        if (size <= 0 || size % BYTES_PER_BLOCK != 0) {
            throw new IllegalArgumentException("a split-block Bloom filter bitset needs a positive multiple of "
                    + BYTES_PER_BLOCK + " bytes, not " + size);
        }
        // The block index is (high32 * numBlocks) >>> 32, which must not overflow 64 unsigned bits.
        if (size / BYTES_PER_BLOCK > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("Bloom filter bitset of " + size + " bytes has too many blocks");
        }
        this.bitset = bitset;
        this.numBlocks = size / BYTES_PER_BLOCK;
    }

    /**
     * A filter over {@code bitset} (the bytes after the header in the file), without copying.
     *
     * @throws IllegalArgumentException if the size is not a positive multiple of {@value #BYTES_PER_BLOCK}
     */
    public static SplitBlockBloomFilter of(MemorySegment bitset) {
        return new SplitBlockBloomFilter(Objects.requireNonNull(bitset, "bitset"));
    }

    /**
     * A filter over {@code bitset}, without copying (later changes to the array show through).
     *
     * @throws IllegalArgumentException if the length is not a positive multiple of {@value #BYTES_PER_BLOCK}
     */
    public static SplitBlockBloomFilter of(byte[] bitset) {
        return new SplitBlockBloomFilter(MemorySegment.ofArray(Objects.requireNonNull(bitset, "bitset")));
    }

    /** An empty heap filter of {@code numBytes} bytes, to {@link #insert} into (tests, writers). */
    public static SplitBlockBloomFilter create(int numBytes) {
        if (numBytes <= 0 || numBytes % BYTES_PER_BLOCK != 0) {
            throw new IllegalArgumentException("Bloom filter size must be a positive multiple of "
                    + BYTES_PER_BLOCK + " bytes, not " + numBytes);
        }
        return of(new byte[numBytes]);
    }

    /** Size of the bitset in bytes. */
    public long numBytes() {
        return bitset.byteSize();
    }

    /** Number of 256-bit blocks. */
    public long numBlocks() {
        return numBlocks;
    }

    /**
     * False when no value with this XXH64 hash was inserted (certainly absent); true when one may
     * have been (false positives happen, false negatives do not).
     */
    public boolean mightContain(long hash) {
        long base = blockOffset(hash);
        int key = (int) hash;
        for (int i = 0; i < 8; i++) {
            int word = bitset.get(WORD, base + 4L * i);
            if ((word & bit(key, i)) == 0) return false;
        }
        return true;
    }

    /**
     * Sets the eight bits of {@code hash}.
     *
     * @throws UnsupportedOperationException if the bitset is read-only (for example a mapped file)
     */
    public void insert(long hash) {
        if (bitset.isReadOnly()) throw new UnsupportedOperationException("read-only Bloom filter");
        long base = blockOffset(hash);
        int key = (int) hash;
        for (int i = 0; i < 8; i++) {
            long at = base + 4L * i;
            bitset.set(WORD, at, bitset.get(WORD, at) | bit(key, i));
        }
    }

    private long blockOffset(long hash) {
        // Unsigned multiply-shift of the upper 32 bits: both factors are below 2^32, so the 64-bit
        // product is exact and >>> reads it as unsigned.
        long block = ((hash >>> 32) * numBlocks) >>> 32;
        return block * BYTES_PER_BLOCK;
    }

    private static int bit(int key, int i) {
        return 1 << ((key * SALT[i]) >>> 27);
    }
}
