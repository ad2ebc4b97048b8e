package dev.streamingadaptive.predicate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WhereParserTest {
    @Test
    void precedenceAndForms() {
        assertEquals("((symbol EQ AAPL AND price GE 100.5) OR cond IS NULL)",
                WhereParser.parse("symbol = 'AAPL' and price >= 100.5 or cond is null").toString());
        assertEquals("(a EQ 1 AND (b LT 2 OR c NE x))", WhereParser.parse("a == 1 AND (b < 2 OR c <> 'x')").toString());
        assertEquals("NOT (a GE 1 AND a LE 5)", WhereParser.parse("a not between 1 and 5").toString());
        assertEquals("s IN [it's, b]", WhereParser.parse("s in ('it''s', 'b')").toString());
        assertEquals("x IS NOT NULL", WhereParser.parse("\"x\" is not null").toString());
        assertEquals("f GT 0.001", WhereParser.parse("f > 1e-3").toString());
        assertEquals("b EQ true", WhereParser.parse("b = TRUE").toString());
        assertEquals("n LT -7", WhereParser.parse("n<-7").toString());
    }

    @Test
    void errorsPointAtThePosition() {
        for (String bad : new String[] {"", "a =", "a = 'x", "a ~ 1", "(a = 1", "a = 1 b", "a is 1", "a not 1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WhereParser.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("--where: ") && e.getMessage().contains("position"), e.getMessage());
        }
    }

    @Test
    void typedLiteralsPrefixesAndWideIntegers() {
        assertEquals(java.time.LocalDate.of(2024, 1, 31), value("d = date '2024-01-31'"));
        assertEquals(java.time.LocalDateTime.of(2024, 1, 31, 9, 30, 0, 123_456_000), value("ts >= TIMESTAMP '2024-01-31 09:30:00.1234567'"));
        assertEquals(java.time.LocalDateTime.of(2024, 1, 31, 9, 30), value("ts >= timestamp '2024-01-31T09:30:00+02'"));
        assertEquals(java.time.Instant.parse("2024-01-31T07:30:00Z"), value("ts = timestamptz '2024-01-31 09:30:00+02'"));
        assertEquals(java.time.LocalTime.of(9, 30), value("t < time '09:30'"));
        assertEquals(new java.math.BigInteger("18446744073709551615"), value("u = 18446744073709551615"));
        assertEquals("starts_with(s, 'ab')", WhereParser.parse("starts_with(s, 'ab')").toString());
        assertEquals("starts_with(s, 'it''s')", WhereParser.parse("s LIKE 'it''s%'").toString());
        assertEquals("NOT starts_with(s, 'a')", WhereParser.parse("s not like 'a%'").toString());
        assertEquals("starts_with(s, '')", WhereParser.parse("s like '%'").toString());
        // "date" is still a column name where a column is expected.
        assertEquals("(starts_with(a b, 'x') AND date EQ 2024-01-01)",
                WhereParser.parse("starts_with(\"a b\", 'x') and date = date '2024-01-01'").toString());
    }

    @Test
    void unsupportedPatternsAndBadTypedLiteralsAreParseErrors() {
        for (String bad : new String[] {"s like '%abc'", "s like 'a_c%'", "s like 'ab%c'", "s like 'abc'", "s like 5",
                "d = date 'x'", "d = date 5", "d = timestamp '2024-02-30'", "starts_with(s, 5)", "starts_with(s 'a')",
                "s not like"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WhereParser.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("--where: ") && e.getMessage().contains("position"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WhereParser.parse("s like 'a%b%'"));
        assertTrue(e.getMessage().contains("only prefix patterns like 'abc%'"), e.getMessage());
    }

    private static Object value(String where) {
        return ((ComparisonPredicate) WhereParser.parse(where)).value();
    }
}
