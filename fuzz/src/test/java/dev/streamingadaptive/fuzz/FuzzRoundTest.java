package dev.streamingadaptive.fuzz;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CI's short fuzzing round (fixed seed, so a finding reproduces): every mutant ends in a correct
 * read or a typed error — no JVM crash, no other exception, no hang. Long rounds: {@code fuzz/run}.
 */
class FuzzRoundTest {
    @TempDir
    Path out;

    @Test
    void aFixedSeedRoundFindsNothing() throws Exception {
        Fuzz.Summary s = Fuzz.run(Long.getLong("fuzz.mutants", 30_000), 20261205, out, 15_000, 10, "512m", List.of(), System.out::println);
        System.out.println(s);
        assertTrue(s.clean(), s + "; findings (inputs and stack traces) in " + out);
        assertEquals(s.mutants(), s.read() + s.format() + s.budget(), s.toString());
        assertTrue(s.read() > 0 && s.format() > 0, s.toString());
    }
}
