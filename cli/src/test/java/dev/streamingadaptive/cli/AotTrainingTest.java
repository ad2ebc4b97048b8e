package dev.streamingadaptive.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The launcher's start-up cache is trained on these commands: each must still run, or the cache misses what users run. */
class AotTrainingTest {
    @Test
    void everyTrainingCommandSucceeds() throws Exception {
        assertEquals(0, AotTraining.run());
    }
}
