package dev.streamingadaptive.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads what the operating system says about memory: the container (cgroup v2 or v1) limit and
 * usage of this process's cgroup, and {@code MemAvailable} from {@code /proc/meminfo}. Every
 * value is optional: on other systems, or when a file is unreadable, it is simply absent.
 *
 * <p>Usage is counted as Docker ({@code docker stats}) and Kubernetes (the working set) count it:
 * the cgroup's usage minus its inactive file cache ({@code inactive_file} in {@code memory.stat}
 * on v2, {@code total_inactive_file} on v1). The kernel reclaims that cache before it OOM-kills,
 * so page cache from reading a Parquet file must not look like memory pressure.
 */
final class ContainerLimits {
    /** cgroup v1 reports "no limit" as a huge page-aligned number. */
    private static final long NO_LIMIT = 1L << 60;

    private final Path cgroupRoot;
    private final Path procSelfCgroup;
    private final Path meminfo;

    ContainerLimits(Path cgroupRoot, Path procSelfCgroup, Path meminfo) {
        this.cgroupRoot = cgroupRoot;
        this.procSelfCgroup = procSelfCgroup;
        this.meminfo = meminfo;
    }

    static ContainerLimits system() {
        return new ContainerLimits(Path.of("/sys/fs/cgroup"), Path.of("/proc/self/cgroup"), Path.of("/proc/meminfo"));
    }

    /** Bytes the container still allows (limit − usage), when this process runs under a limit. */
    OptionalLong containerHeadroom() {
        try {
            if (!Files.isReadable(procSelfCgroup)) return OptionalLong.empty();
            List<String> lines = Files.readAllLines(procSelfCgroup);
            for (String line : lines) {
                String[] parts = line.split(":", 3);
                if (parts.length < 3) continue;
                if (parts[0].equals("0") && parts[1].isEmpty()) {
                    Path dir = cgroupRoot.resolve(relative(parts[2]));
                    OptionalLong v2 = headroom(dir.resolve("memory.max"), dir.resolve("memory.current"), dir.resolve("memory.stat"), "inactive_file");
                    if (v2.isPresent()) return v2;
                } else if (List.of(parts[1].split(",")).contains("memory")) {
                    Path dir = cgroupRoot.resolve("memory").resolve(relative(parts[2]));
                    OptionalLong v1 = headroom(dir.resolve("memory.limit_in_bytes"), dir.resolve("memory.usage_in_bytes"),
                            dir.resolve("memory.stat"), "total_inactive_file");
                    if (v1.isPresent()) return v1;
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    private static String relative(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private static OptionalLong headroom(Path limitFile, Path usageFile, Path statFile, String inactiveKey) throws IOException {
        if (!Files.isReadable(limitFile) || !Files.isReadable(usageFile)) return OptionalLong.empty();
        String limit = Files.readString(limitFile).trim();
        if (limit.equals("max")) return OptionalLong.empty();
        long max = Long.parseLong(limit);
        if (max >= NO_LIMIT) return OptionalLong.empty();
        long used = Long.parseLong(Files.readString(usageFile).trim());
        long workingSet = Math.max(0, used - inactiveFile(statFile, inactiveKey));
        return OptionalLong.of(Math.max(0, max - workingSet));
    }

    /** The {@code key} figure of a memory.stat file, or 0 when the file or the key is missing or unreadable. */
    private static long inactiveFile(Path statFile, String key) {
        try {
            if (!Files.isReadable(statFile)) return 0;
            for (String line : Files.readAllLines(statFile)) {
                int space = line.indexOf(' ');
                if (space == key.length() && line.startsWith(key)) {
                    return Math.max(0, Long.parseLong(line.substring(space + 1).trim()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Without the file cache figure, plain usage is the (pessimistic) fallback.
        }
        return 0;
    }

    /** MemAvailable in bytes. */
    OptionalLong memAvailable() {
        try {
            if (!Files.isReadable(meminfo)) return OptionalLong.empty();
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemAvailable:")) {
                    String[] f = line.substring("MemAvailable:".length()).trim().split("\\s+");
                    long kb = Long.parseLong(f[0]);
                    return OptionalLong.of(kb * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
