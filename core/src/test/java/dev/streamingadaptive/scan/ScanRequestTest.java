package dev.streamingadaptive.scan;

import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.predicate.AndPredicate;
import dev.streamingadaptive.predicate.ColumnFilterPredicate;
import dev.streamingadaptive.predicate.ComparisonPredicate;
import dev.streamingadaptive.predicate.PredicatePushdown;
import dev.streamingadaptive.predicate.RowGroupMetadata;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scan request is immutable and validated; counters add up; a user predicate is adapted once. */
class ScanRequestTest {
    private static final Path A = Path.of("a.parquet"), B = Path.of("b.parquet");

    @Test
    void withersReturnNewRequestsAndLeaveTheOriginal() {
        ScanRequest base = ScanRequest.of(List.of(A, B), Path.of(""));
        assertNull(base.columns());
        assertEquals(Long.MAX_VALUE, base.rowLimit());
        assertEquals(ScanRequest.Order.FILE_ORDER, base.order());
        assertTrue(base.hivePartitioning() && base.verifyChecksums());
        assertFalse(base.schemaEvolution() || base.skipUnreadable() || base.fullPageCounts());

        ScanRequest limited = base.withRowLimit(10).withColumns(List.of("x", "y")).withOrder(ScanRequest.Order.AS_READY)
                .withSkipUnreadable(true).withFilePathColumn("file");
        assertEquals(10, limited.rowLimit());
        assertEquals(List.of("x", "y"), limited.columns());
        assertEquals(ScanRequest.Order.AS_READY, limited.order());
        assertTrue(limited.skipUnreadable());
        assertEquals("file", limited.filePathColumn());
        // The original is untouched.
        assertEquals(Long.MAX_VALUE, base.rowLimit());
        assertNull(base.columns());
        assertEquals(ScanRequest.Order.FILE_ORDER, base.order());
        assertNull(base.filePathColumn());
        // Order and limit do not change what a plan holds; columns and policies do.
        assertTrue(base.samePlanAs(base.withOrder(ScanRequest.Order.AS_READY).withRowLimit(5)));
        assertFalse(base.samePlanAs(base.withColumns(List.of("x"))));
        assertFalse(base.samePlanAs(base.withSchemaEvolution(true)));
    }

    @Test
    void listsAreCopiedAndValuesValidated() {
        List<Path> files = new ArrayList<>(List.of(A));
        ScanRequest r = ScanRequest.of(files, Path.of(""));
        files.add(B);
        assertEquals(List.of(A), r.files());
        assertThrows(UnsupportedOperationException.class, () -> r.files().add(B));
        assertNull(r.withColumns(List.of()).columns(), "no columns means all");

        var empty = assertThrows(IllegalArgumentException.class, () -> ScanRequest.of(List.of(), Path.of("")));
        assertEquals("no files to read", empty.getMessage());
        var negative = assertThrows(IllegalArgumentException.class, () -> r.withRowLimit(-1));
        assertEquals("row limit must not be negative, got -1", negative.getMessage());
        var type = assertThrows(IllegalArgumentException.class, () -> r.withPartitionTypes(Map.of("year", DataType.FLOAT32)));
        assertTrue(type.getMessage().startsWith("partition column year cannot be "), type.getMessage());
        assertEquals(Map.of("year", DataType.INT32), r.withPartitionTypes(Map.of("year", DataType.INT32)).partitionTypes());
    }

    @Test
    void countersAddUpAndCopiesAreIndependent() {
        ScanCounters a = new ScanCounters();
        a.add(ScanCounters.Counter.ROWS_DECODED, 7);
        a.add(ScanCounters.Counter.ROW_GROUPS_READ, 2);
        ScanCounters b = new ScanCounters();
        b.add(ScanCounters.Counter.ROWS_DECODED, 5);
        b.addAll(a);
        assertEquals(12, b.get(ScanCounters.Counter.ROWS_DECODED));
        assertEquals(2, b.get(ScanCounters.Counter.ROW_GROUPS_READ));
        ScanCounters copy = b.copy();
        b.add(ScanCounters.Counter.ROWS_DECODED, 100);
        assertEquals(12, copy.get(ScanCounters.Counter.ROWS_DECODED));
        assertEquals(112, b.get(ScanCounters.Counter.ROWS_DECODED));
        assertEquals(0, copy.get(ScanCounters.Counter.PAGES_DECODED));
    }

    @Test
    void aUserPredicateIsAdaptedOnce() {
        assertNull(ScanPredicate.of(null));
        var in = new ColumnFilterPredicate("symbol", List.of("AAPL"));
        var gt = new ComparisonPredicate("price", ComparisonPredicate.Op.GT, 10L);
        ScanPredicate both = ScanPredicate.of(new AndPredicate(in, gt));
        assertTrue(both.isRowLevel());
        assertEquals(Set.of("symbol", "price"), both.columns());
        assertEquals(2, both.conjuncts().size());
        assertEquals(Set.of("symbol"), both.conjuncts().get(0).columns());
        assertEquals(Set.of("price"), both.conjuncts().get(1).columns());

        PredicatePushdown opaque = new PredicatePushdown() {
            @Override public boolean shouldSkipRowGroup(RowGroupMetadata stats) { return false; }
            @Override public DataFrame apply(DataFrame df) { return df.head(1); }
        };
        ScanPredicate o = ScanPredicate.of(opaque);
        assertFalse(o.isRowLevel());
        assertEquals(Set.of(), o.columns());
        assertEquals(List.of(o), o.conjuncts());
        assertSame(o, o.bind(new dev.streamingadaptive.frame.Schema(List.of())));
        assertThrows(NullPointerException.class, () -> o.matches(new DataFrame(List.of(), 0)));
    }
}
