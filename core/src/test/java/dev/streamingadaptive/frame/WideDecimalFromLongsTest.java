package dev.streamingadaptive.frame;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A wide decimal column made from longs reads exactly as the same values stored as bytes. */
class WideDecimalFromLongsTest {
    private static final DataType.Decimal TYPE = new DataType.Decimal(31, 4);
    private static final long[] VALUES = {0, 1, -1, 127, 128, -128, -129, 255, 256, Long.MAX_VALUE, Long.MIN_VALUE, 123_456_789_012L, -99};
    private static final boolean[] NULLS = {false, false, false, false, false, false, false, false, false, false, false, false, true};

    /** The same values as the eager byte form stores them (BigInteger's bytes, a null without bytes). */
    private static BinaryColumn eager() {
        int n = VALUES.length;
        int[] off = new int[n + 1];
        byte[] data = new byte[n * 9];
        int at = 0;
        for (int i = 0; i < n; i++) {
            if (!NULLS[i]) {
                byte[] b = BigInteger.valueOf(VALUES[i]).toByteArray();
                System.arraycopy(b, 0, data, at, b.length);
                at += b.length;
            }
            off[i + 1] = at;
        }
        return new BinaryColumn("d", TYPE, off, Arrays.copyOf(data, at), n, NULLS);
    }

    @Test
    void bytesValuesSlicesAndRenamesMatchTheByteForm() {
        BinaryColumn lazy = BinaryColumn.ofUnscaledLongs("d", TYPE, VALUES.clone(), VALUES.length, NULLS);
        BinaryColumn want = eager();
        assertEquals(0L, lazy.unscaledLongs()[VALUES.length - 1], "a null slot's value is not kept");
        assertNull(want.unscaledLongs());
        for (int i = 0; i < VALUES.length; i++) {
            assertEquals(want.get(i), lazy.get(i), "row " + i);
            if (!NULLS[i]) assertEquals(BigDecimal.valueOf(VALUES[i], 4), lazy.get(i));
        }
        Column slice = lazy.slice(8, 4);
        for (int i = 0; i < 4; i++) assertEquals(want.get(8 + i), slice.get(i), "slice row " + i);
        Column renamed = lazy.rename("e");
        assertEquals("e", renamed.name());
        assertEquals(want.get(9), renamed.get(9));
        assertArrayEquals(want.rawOffsets(), lazy.rawOffsets());
        assertArrayEquals(want.rawData(), lazy.rawData());
        for (int i = 0; i < VALUES.length; i++) assertArrayEquals(want.getBytes(i), lazy.getBytes(i), "bytes of row " + i);
    }

    @Test
    void onlyWideDecimalsAreMadeFromLongs() {
        assertThrows(IllegalArgumentException.class, () -> BinaryColumn.ofUnscaledLongs("d", new DataType.Decimal(18, 2), new long[1], 1, null));
        assertThrows(IllegalArgumentException.class, () -> BinaryColumn.ofUnscaledLongs("d", TYPE, new long[1], 2, null));
    }
}
