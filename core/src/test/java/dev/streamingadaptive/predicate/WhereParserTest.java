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
}
