package dev.streamingadaptive.parquet.meta;

import dev.streamingadaptive.parquet.ParquetFormatException;
import dev.streamingadaptive.parquet.UnsupportedParquetFeatureException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Locates, decodes and sanity-checks the footer of a Parquet file.
 *
 * <p>File layout: {@code "PAR1" <column data> <FileMetaData> <4-byte LE footer length> "PAR1"}.
 * Files with an encrypted footer end with {@code "PARE"} and are rejected with
 * {@link UnsupportedParquetFeatureException}. Files with a plaintext footer but encrypted columns
 * parse; their chunks have {@link ColumnChunk#encrypted()} set.
 *
 * <p>After decoding, cheap consistency checks run: the schema is a non-empty, well-formed tree;
 * row counts are not negative; every row group has one chunk per leaf column; and every column
 * chunk's page offsets and compressed size lie inside the data area of the file. A
 * {@code dictionary_page_offset} of 0 is accepted (some writers use it for "no dictionary"), and
 * page data running past {@code total_compressed_size} is left to the page reader.
 */
public final class ParquetFooter {
    /** Size of the leading and trailing magic. */
    public static final int MAGIC_LENGTH = 4;
    /** Smallest possible Parquet file: two magics and the footer length. */
    public static final int MIN_FILE_SIZE = 12;

    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int PAR1 = magic("PAR1");
    private static final int PARE = magic("PARE");

    private ParquetFooter() {}

    /**
     * Reads the footer of the Parquet file held in {@code file} (typically a read-only mapping of the
     * whole file).
     *
     * @param fileName name used in error messages
     * @throws UnsupportedParquetFeatureException for an encrypted footer
     * @throws ParquetFormatException             for anything malformed; the exception names the file
     *                                            and an absolute byte offset (and, for chunk
     *                                            problems, the row group and column)
     */
    public static FileMetaData read(MemorySegment file, String fileName) {
        long size = file.byteSize();
        if (size < MIN_FILE_SIZE) {
            throw new ParquetFormatException("not a Parquet file: " + size + " bytes, at least " + MIN_FILE_SIZE
                    + " needed", fileName, -1, null, 0, null);
        }
        int tail = file.get(INT_LE, size - MAGIC_LENGTH);
        if (tail == PARE) {
            throw new UnsupportedParquetFeatureException("encrypted Parquet files (PARE footer) are not supported: "
                    + fileName);
        }
        if (tail != PAR1) {
            throw new ParquetFormatException("not a Parquet file: trailing magic is " + hex(tail) + ", expected PAR1",
                    fileName, -1, null, size - MAGIC_LENGTH, null);
        }
        int head = file.get(INT_LE, 0);
        if (head != PAR1) {
            throw new ParquetFormatException("not a Parquet file: leading magic is " + hex(head) + ", expected PAR1",
                    fileName, -1, null, 0, null);
        }
        long lengthOffset = size - MAGIC_LENGTH - 4;
        long footerLength = Integer.toUnsignedLong(file.get(INT_LE, lengthOffset));
        if (footerLength > size - MIN_FILE_SIZE) {
            throw new ParquetFormatException("footer length " + footerLength + " exceeds the " + (size - MIN_FILE_SIZE)
                    + " bytes available between the magics", fileName, -1, null, lengthOffset, null);
        }
        long footerOffset = lengthOffset - footerLength;
        FileMetaData md;
        try {
            md = MetadataParser.parseFileMetaData(file, footerOffset, footerLength);
        } catch (ParquetFormatException e) {
            throw new ParquetFormatException("invalid footer (metadata at " + footerOffset + ", " + footerLength
                    + " bytes): " + e.detail(), fileName, e.rowGroup(), e.column(),
                    e.offset() >= 0 ? e.offset() : footerOffset, e);
        }
        validate(md, footerOffset, fileName);
        return md;
    }

    /** Cheap structural checks; {@code dataEnd} is where the footer metadata starts. */
    static void validate(FileMetaData md, long dataEnd, String fileName) {
        List<SchemaElement> schema = md.schema();
        if (schema.isEmpty()) throw fail("schema is empty", fileName, -1, null, dataEnd);
        if (md.numRows() < 0) throw fail("negative num_rows " + md.numRows(), fileName, -1, null, dataEnd);
        int leaves = countLeaves(schema, fileName, dataEnd);
        List<RowGroup> groups = md.rowGroups();
        for (int g = 0; g < groups.size(); g++) {
            RowGroup rg = groups.get(g);
            if (rg.numRows() < 0) throw fail("negative num_rows " + rg.numRows(), fileName, g, null, dataEnd);
            if (rg.columns().size() != leaves) {
                throw fail("row group has " + rg.columns().size() + " column chunks but the schema has " + leaves
                        + " leaf columns", fileName, g, null, dataEnd);
            }
            for (int c = 0; c < rg.columns().size(); c++) {
                checkChunk(rg.columns().get(c), c, g, dataEnd, fileName);
            }
        }
    }

    private static void checkChunk(ColumnChunk chunk, int index, int group, long dataEnd, String fileName) {
        ColumnMetaData cm = chunk.metaData();
        if (cm == null) {
            if (chunk.encrypted()) return; // metadata is encrypted; the reader refuses such columns
            throw fail("column chunk " + index + " has no meta_data", fileName, group, "#" + index, dataEnd);
        }
        if (chunk.filePath() != null) return; // data lives in another file: nothing to check here
        String col = cm.dottedPath();
        if (cm.numValues() < 0) throw fail("negative num_values " + cm.numValues(), fileName, group, col, dataEnd);
        if (cm.totalCompressedSize() < 0) {
            throw fail("negative total_compressed_size " + cm.totalCompressedSize(), fileName, group, col, dataEnd);
        }
        if (cm.totalUncompressedSize() < 0) {
            throw fail("negative total_uncompressed_size " + cm.totalUncompressedSize(), fileName, group, col, dataEnd);
        }
        checkOffset("data_page_offset", cm.dataPageOffset(), dataEnd, fileName, group, col);
        if (cm.dictionaryPageOffset() != null) {
            checkOffset("dictionary_page_offset", cm.dictionaryPageOffset(), dataEnd, fileName, group, col);
        }
        long start = cm.chunkStartOffset();
        if (cm.totalCompressedSize() > dataEnd - start) {
            throw fail("column chunk [" + start + ", " + start + " + " + cm.totalCompressedSize()
                    + ") extends past the end of the column data at " + dataEnd, fileName, group, col, dataEnd);
        }
    }

    private static void checkOffset(String what, long value, long dataEnd, String fileName, int group, String col) {
        if (value < 0 || value >= dataEnd) {
            throw fail(what + " " + value + " is outside the column data [0, " + dataEnd + ")", fileName, group, col,
                    dataEnd);
        }
    }

    /** Walks the flattened schema tree (iteratively) and returns the number of leaf columns. */
    private static int countLeaves(List<SchemaElement> schema, String fileName, long at) {
        int n = schema.size();
        SchemaElement root = schema.get(0);
        if (root.numChildren() < 0) throw fail("schema root has negative num_children", fileName, -1, null, at);
        int[] remaining = new int[n];
        int depth = 0;
        remaining[depth++] = root.numChildren();
        int next = 1;
        int leaves = 0;
        while (depth > 0) {
            if (remaining[depth - 1] == 0) {
                depth--;
                continue;
            }
            remaining[depth - 1]--;
            if (next >= n) {
                throw fail("schema is truncated: num_children declares more elements than the " + n + " present",
                        fileName, -1, null, at);
            }
            SchemaElement e = schema.get(next++);
            if (e.numChildren() < 0) {
                throw fail("schema element '" + e.name() + "' has negative num_children", fileName, -1, null, at);
            }
            if (e.numChildren() > 0) {
                if (e.numChildren() > n - next) {
                    throw fail("schema element '" + e.name() + "' declares " + e.numChildren()
                            + " children but only " + (n - next) + " elements follow", fileName, -1, null, at);
                }
                remaining[depth++] = e.numChildren();
            } else {
                if (e.type() == null) {
                    throw fail("schema element '" + e.name() + "' has neither children nor a physical type",
                            fileName, -1, null, at);
                }
                leaves++;
            }
        }
        if (next != n) {
            throw fail("schema has " + (n - next) + " element(s) outside the tree rooted at '" + root.name() + "'",
                    fileName, -1, null, at);
        }
        return leaves;
    }

    private static ParquetFormatException fail(String detail, String file, int group, String col, long offset) {
        return new ParquetFormatException(detail, file, group, col, offset, null);
    }

    private static int magic(String s) {
        return (s.charAt(0)) | (s.charAt(1) << 8) | (s.charAt(2) << 16) | (s.charAt(3) << 24);
    }

    private static String hex(int v) {
        return String.format("%02x %02x %02x %02x", v & 0xFF, (v >>> 8) & 0xFF, (v >>> 16) & 0xFF, v >>> 24);
    }
}
