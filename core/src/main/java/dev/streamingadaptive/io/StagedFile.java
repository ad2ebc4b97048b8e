package dev.streamingadaptive.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The writers' rule for output that must appear complete or not at all: write to a hidden sibling
 * of the target ({@code .<name>.<random>.tmp}), then rename it into place.
 */
public final class StagedFile {
    private StagedFile() {}

    /** A fresh hidden sibling of {@code target} (absolute) to write to first. */
    public static Path stagingPath(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    }

    /** Refuses a directory as the target of a single file (the rename would replace an empty one). */
    public static void requireNotDirectory(Path target) {
        if (Files.isDirectory(target)) {
            throw new IllegalArgumentException(target + " is a directory; a file is written here (partitioned or rolled output writes directories)");
        }
    }

    /** Renames the finished {@code staged} file onto {@code target}, atomically where the file system allows. */
    public static void commit(Path staged, Path target) throws IOException {
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
