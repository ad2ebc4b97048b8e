package dev.streamingadaptive.parquet.compress;

import dev.streamingadaptive.parquet.meta.CompressionCodec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Decompresses every page of real files from parquet-testing, found by walking page headers
 * (a minimal Thrift compact-protocol reader) from offset 4 through the contiguous column chunks,
 * straight from a read-only memory mapping.
 */
class RealFilePagesTest {
    static final Path DATA = Path.of("/work/shared/parquet-testing/data");

    @ParameterizedTest
    @CsvSource({
            "hadoop_lz4_compressed.parquet, LZ4",
            "hadoop_lz4_compressed_larger.parquet, LZ4",
            "non_hadoop_lz4_compressed.parquet, LZ4",
            "lz4_raw_compressed.parquet, LZ4_RAW",
            "lz4_raw_compressed_larger.parquet, LZ4_RAW",
            "concatenated_gzip_members.parquet, GZIP",
            "large_string_map.brotli.parquet, BROTLI",
            "byte_stream_split.zstd.parquet, ZSTD",
            "alltypes_plain.snappy.parquet, SNAPPY",
            "datapage_v2.snappy.parquet, SNAPPY",
            "datapage_v2_empty_datapage.snappy.parquet, SNAPPY",
            "nested_maps.snappy.parquet, SNAPPY",
    })
    void decompressesEveryPage(String file, CompressionCodec codec) throws IOException {
        Path path = DATA.resolve(file);
        Assumptions.assumeTrue(Files.exists(path), "parquet-testing not available");
        PageDecompressor d = Decompressors.forCodec(codec);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ); Arena arena = Arena.ofConfined()) {
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            long size = seg.byteSize();
            int footer = seg.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN), size - 8);
            long end = size - 8 - footer;
            long pos = 4;
            int pages = 0;
            long bytes = 0;
            while (pos < end) {
                Compact t = new Compact(seg, pos);
                Map<Integer, Object> h;
                try {
                    h = t.struct();
                } catch (RuntimeException notAHeader) {
                    break; // column/offset indexes or bloom filters follow the chunks
                }
                if (!(h.get(1) instanceof Long type) || type < 0 || type > 3 || !(h.get(2) instanceof Long raw)
                        || !(h.get(3) instanceof Long comp) || comp < 0 || t.pos + comp > end) break;
                long body = t.pos;
                int skip = 0;
                boolean compressed = true;
                if (type == 3 && h.get(8) instanceof Map<?, ?> v2) {
                    skip = (int) ((Long) v2.get(5) + (Long) v2.get(6));
                    compressed = !Boolean.FALSE.equals(v2.get(7));
                }
                if (type != 1 && raw - skip <= 16 << 20) { // keep the test fast: large_string_map has ~1 GB pages
                    byte[] dst = new byte[(int) (raw - skip)];
                    PageDecompressor dd = compressed ? d : Decompressors.forCodec(CompressionCodec.UNCOMPRESSED);
                    dd.decompress(seg, body + skip, (int) (comp - skip), dst, dst.length);
                    pages++;
                    bytes += dst.length;
                }
                pos = body + comp;
            }
            assertTrue(pages > 0, "no pages found in " + file);
            System.out.println(file + ": " + pages + " pages, " + bytes + " bytes decompressed with " + codec);
        }
    }

    /** Just enough of the Thrift compact protocol to read a PageHeader: ints, bools, nested structs; other values skipped. */
    static final class Compact {
        final MemorySegment seg;
        long pos;

        Compact(MemorySegment seg, long pos) { this.seg = seg; this.pos = pos; }

        int b() { return seg.get(ValueLayout.JAVA_BYTE, pos++) & 0xFF; }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int x = b();
                v |= (long) (x & 0x7F) << shift;
                if (x < 0x80) return v;
            }
            throw new IllegalStateException("bad varint");
        }

        long zigzag() { long v = varint(); return (v >>> 1) ^ -(v & 1); }

        Map<Integer, Object> struct() {
            Map<Integer, Object> m = new HashMap<>();
            int id = 0;
            while (true) {
                int h = b();
                if (h == 0) return m;
                int type = h & 0x0F;
                id = (h >>> 4) != 0 ? id + (h >>> 4) : (short) zigzag();
                m.put(id, value(type));
            }
        }

        Object value(int type) {
            switch (type) {
                case 1: return Boolean.TRUE;
                case 2: return Boolean.FALSE;
                case 3: return (long) (byte) b();
                case 4: case 5: case 6: return zigzag();
                case 7: pos += 8; return null;
                case 8: { long n = varint(); if (n < 0 || n > seg.byteSize() - pos) throw new IllegalStateException(); pos += n; return null; }
                case 9: case 10: {
                    int h = b();
                    long n = (h >>> 4) == 15 ? varint() : h >>> 4;
                    if (n > 1_000_000) throw new IllegalStateException();
                    for (long i = 0; i < n; i++) {
                        if ((h & 0x0F) == 1 || (h & 0x0F) == 2) b(); else value(h & 0x0F);
                    }
                    return null;
                }
                case 11: {
                    long n = varint();
                    if (n == 0) return null;
                    int kv = b();
                    if (n > 1_000_000) throw new IllegalStateException();
                    for (long i = 0; i < n; i++) { value(kv >>> 4); value(kv & 0x0F); }
                    return null;
                }
                case 12: return struct();
                default: throw new IllegalStateException("bad thrift type " + type);
            }
        }
    }
}
