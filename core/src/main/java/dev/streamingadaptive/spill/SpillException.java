package dev.streamingadaptive.spill;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Spilling to disk failed (disk full, folder not writable): names what was being spilled, where,
 * and how much had been written, so that the user can free space or choose another folder.
 */
public final class SpillException extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    SpillException(String message, IOException cause) {
        super(message, cause);
    }
}
