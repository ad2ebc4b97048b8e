package dev.streamingadaptive.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ContainerLimits against fake cgroup v1/v2 trees and meminfo files. */
class ContainerLimitsTest {
    @TempDir
    Path dir;

    private Path write(String relative, String content) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    private ContainerLimits limits() {
        return new ContainerLimits(dir.resolve("cgroup"), dir.resolve("proc-self-cgroup"), dir.resolve("meminfo"));
    }

    @Test
    void cgroupV2LimitMinusCurrent() throws IOException {
        write("proc-self-cgroup", "0::/kubepods/pod1/c1\n");
        write("cgroup/kubepods/pod1/c1/memory.max", "1073741824\n");
        write("cgroup/kubepods/pod1/c1/memory.current", "268435456\n");
        assertEquals(OptionalLong.of((1L << 30) - (256L << 20)), limits().containerHeadroom());
    }

    @Test
    void cgroupV2RootPath() throws IOException {
        write("proc-self-cgroup", "0::/\n");
        write("cgroup/memory.max", "536870912\n");
        write("cgroup/memory.current", "1000\n");
        assertEquals(OptionalLong.of(536870912L - 1000), limits().containerHeadroom());
    }

    @Test
    void cgroupV2MaxMeansNoLimit() throws IOException {
        write("proc-self-cgroup", "0::/user.slice\n");
        write("cgroup/user.slice/memory.max", "max\n");
        write("cgroup/user.slice/memory.current", "123456\n");
        assertTrue(limits().containerHeadroom().isEmpty());
    }

    @Test
    void usageAboveLimitIsZeroHeadroom() throws IOException {
        write("proc-self-cgroup", "0::/c\n");
        write("cgroup/c/memory.max", "1000\n");
        write("cgroup/c/memory.current", "5000\n");
        assertEquals(OptionalLong.of(0), limits().containerHeadroom());
    }

    @Test
    void cgroupV1LimitMinusUsage() throws IOException {
        write("proc-self-cgroup", """
                12:pids:/docker/abc
                4:memory:/docker/abc
                3:cpu,cpuacct:/docker/abc
                0::/
                """);
        write("cgroup/memory/docker/abc/memory.limit_in_bytes", "2147483648\n");
        write("cgroup/memory/docker/abc/memory.usage_in_bytes", "1073741824\n");
        assertEquals(OptionalLong.of(1L << 30), limits().containerHeadroom());
    }

    @Test
    void cgroupV1CombinedControllers() throws IOException {
        write("proc-self-cgroup", "7:memory,hugetlb:/job\n");
        write("cgroup/memory/job/memory.limit_in_bytes", "1048576\n");
        write("cgroup/memory/job/memory.usage_in_bytes", "524288\n");
        assertEquals(OptionalLong.of(524288), limits().containerHeadroom());
    }

    @Test
    void cgroupV1HugeValueMeansNoLimit() throws IOException {
        write("proc-self-cgroup", "4:memory:/\n");
        write("cgroup/memory/memory.limit_in_bytes", "9223372036854771712\n");
        write("cgroup/memory/memory.usage_in_bytes", "6258094080\n");
        assertTrue(limits().containerHeadroom().isEmpty());
    }

    @Test
    void hybridFallsBackFromMissingV2FilesToV1() throws IOException {
        // The layout of this machine: a v2 "0::/" line without memory files, and the v1 memory controller.
        write("proc-self-cgroup", "4:memory:/process_api/x\n1:cpu:/\n0::/\n");
        write("cgroup/memory/process_api/x/memory.limit_in_bytes", "1073741824\n");
        write("cgroup/memory/process_api/x/memory.usage_in_bytes", "73741824\n");
        assertEquals(OptionalLong.of(1_000_000_000L), limits().containerHeadroom());
        write("proc-self-cgroup", "0::/\n4:memory:/process_api/x\n");
        assertEquals(OptionalLong.of(1_000_000_000L), limits().containerHeadroom(), "order of the lines does not matter");
    }

    @Test
    void missingOrGarbledFilesMeanNoLimit() throws IOException {
        assertTrue(limits().containerHeadroom().isEmpty(), "no /proc/self/cgroup");
        write("proc-self-cgroup", "0::/c\n");
        assertTrue(limits().containerHeadroom().isEmpty(), "no memory.max");
        write("cgroup/c/memory.max", "lots\n");
        write("cgroup/c/memory.current", "1\n");
        assertTrue(limits().containerHeadroom().isEmpty(), "unparsable limit");
        write("proc-self-cgroup", "garbage without colons\n");
        assertTrue(limits().containerHeadroom().isEmpty());
    }

    @Test
    void cgroupV2InactiveFileCacheIsNotUsage() throws IOException {
        write("proc-self-cgroup", "0::/c\n");
        write("cgroup/c/memory.max", String.valueOf(1L << 30));
        write("cgroup/c/memory.current", String.valueOf(900L << 20));
        write("cgroup/c/memory.stat", """
                anon 104857600
                file 786432000
                active_file 10485760
                inactive_file 734003200
                inactive_anon 0
                """);
        // working set = 900 MB - 700 MB inactive file cache = 200 MB
        assertEquals(OptionalLong.of((1L << 30) - (200L << 20)), limits().containerHeadroom());
    }

    @Test
    void cgroupV1TotalInactiveFileCacheIsNotUsage() throws IOException {
        write("proc-self-cgroup", "4:memory:/docker/abc\n");
        write("cgroup/memory/docker/abc/memory.limit_in_bytes", String.valueOf(2L << 30));
        write("cgroup/memory/docker/abc/memory.usage_in_bytes", String.valueOf(1L << 30));
        write("cgroup/memory/docker/abc/memory.stat", """
                cache 900000000
                inactive_file 1
                total_cache 900000000
                total_inactive_file 524288000
                """);
        // total_inactive_file (500 MB), not the cgroup-local inactive_file, is subtracted
        assertEquals(OptionalLong.of((2L << 30) - (1L << 30) + (500L << 20)), limits().containerHeadroom());
    }

    @Test
    void inactiveFileAboveUsageMeansNoUsageNotNegative() throws IOException {
        write("proc-self-cgroup", "0::/c\n");
        write("cgroup/c/memory.max", "1000\n");
        write("cgroup/c/memory.current", "5000\n");
        write("cgroup/c/memory.stat", "inactive_file 9000\n");
        assertEquals(OptionalLong.of(1000), limits().containerHeadroom(), "usage is clamped at 0, headroom at the limit");
    }

    @Test
    void missingOrGarbledMemoryStatFallsBackToPlainUsage() throws IOException {
        write("proc-self-cgroup", "0::/c\n");
        write("cgroup/c/memory.max", "10000\n");
        write("cgroup/c/memory.current", "4000\n");
        assertEquals(OptionalLong.of(6000), limits().containerHeadroom(), "no memory.stat");
        write("cgroup/c/memory.stat", "anon 4000\nfile 0\n");
        assertEquals(OptionalLong.of(6000), limits().containerHeadroom(), "no inactive_file line");
        write("cgroup/c/memory.stat", "inactive_file lots\n");
        assertEquals(OptionalLong.of(6000), limits().containerHeadroom(), "unparsable inactive_file");
        Files.delete(dir.resolve("cgroup/c/memory.stat"));
        Files.createDirectory(dir.resolve("cgroup/c/memory.stat"));
        assertEquals(OptionalLong.of(6000), limits().containerHeadroom(), "unreadable memory.stat (a directory)");

        write("proc-self-cgroup", "4:memory:/j\n");
        write("cgroup/memory/j/memory.limit_in_bytes", "10000\n");
        write("cgroup/memory/j/memory.usage_in_bytes", "3000\n");
        assertEquals(OptionalLong.of(7000), limits().containerHeadroom(), "v1 without memory.stat");
        write("cgroup/memory/j/memory.stat", "inactive_file 2000\n");
        assertEquals(OptionalLong.of(7000), limits().containerHeadroom(), "v1 reads total_inactive_file only");
    }

    @Test
    void noLimitIgnoresMemoryStat() throws IOException {
        write("proc-self-cgroup", "0::/c\n");
        write("cgroup/c/memory.max", "max\n");
        write("cgroup/c/memory.current", "4000\n");
        write("cgroup/c/memory.stat", "inactive_file 1000\n");
        assertTrue(limits().containerHeadroom().isEmpty(), "v2 max");
        write("proc-self-cgroup", "4:memory:/\n");
        write("cgroup/memory/memory.limit_in_bytes", "9223372036854771712\n");
        write("cgroup/memory/memory.usage_in_bytes", "6258094080\n");
        write("cgroup/memory/memory.stat", "total_inactive_file 1000\n");
        assertTrue(limits().containerHeadroom().isEmpty(), "v1 huge limit");
    }

    @Test
    void memAvailableFromMeminfo() throws IOException {
        write("meminfo", """
                MemTotal:       24576000 kB
                MemFree:        14000000 kB
                MemAvailable:   18874368 kB
                Buffers:          123456 kB
                """);
        assertEquals(OptionalLong.of(18874368L * 1024), limits().memAvailable());
    }

    @Test
    void meminfoWithoutMemAvailable() throws IOException {
        assertTrue(limits().memAvailable().isEmpty(), "no file");
        write("meminfo", "MemTotal:       24576000 kB\nMemFree:        14000000 kB\n");
        assertTrue(limits().memAvailable().isEmpty(), "old kernels have no MemAvailable");
        write("meminfo", "MemAvailable:   many kB\n");
        assertTrue(limits().memAvailable().isEmpty(), "unparsable");
    }

    @Test
    void systemManagerTakesTheTightestFigure() throws IOException {
        write("proc-self-cgroup", "0::/c\n");
        write("cgroup/c/memory.max", String.valueOf(64L << 20));
        write("cgroup/c/memory.current", String.valueOf(16L << 20));
        write("meminfo", "MemAvailable:   " + (1L << 20) + " kB\n"); // 1 GiB
        SystemMemoryManager m = new SystemMemoryManager(limits());
        // The OS figures cap only what the heap must still grow by: committed-but-free heap comes on top.
        long free1 = m.committedFreeHeap();
        long available = m.availableBytes();
        long free = Math.max(free1, m.committedFreeHeap());
        assertTrue(available <= (48L << 20) + free, "container headroom 48 MB (+ committed free heap) caps it, got " + available);
        assertTrue(available <= m.heapHeadroom());

        write("meminfo", "MemAvailable:   " + 1024 + " kB\n"); // 1 MB
        free1 = m.committedFreeHeap();
        available = m.availableBytes();
        free = Math.max(free1, m.committedFreeHeap());
        assertTrue(available <= (1L << 20) + free, "MemAvailable (+ committed free heap) caps it, got " + available);
    }

    @Test
    void sharedManagerReusesItsReadingsForTheRefreshInterval() throws IOException {
        write("proc-self-cgroup", "0::/c\n");
        write("cgroup/c/memory.max", String.valueOf(1L << 40));
        write("cgroup/c/memory.current", "0");
        write("meminfo", "MemAvailable:   " + (1L << 20) + " kB\n"); // 1 GiB
        SystemMemoryManager cached = new SystemMemoryManager(limits(), Long.MAX_VALUE / 4);
        SystemMemoryManager fresh = new SystemMemoryManager(limits());
        SystemMemoryManager brief = new SystemMemoryManager(limits(), 1);
        assertEquals(1L << 30, cached.osHeadroom());
        assertEquals(1L << 30, fresh.osHeadroom());
        assertEquals(1L << 30, brief.osHeadroom());

        write("meminfo", "MemAvailable:   " + 1024 + " kB\n"); // 1 MB
        assertEquals(1L << 20, fresh.osHeadroom(), "a manager without a refresh interval reads afresh");
        assertEquals(1L << 30, cached.osHeadroom(), "within its interval the shared manager keeps its reading");
        assertEquals(1L << 20, brief.osHeadroom(), "once its interval has passed a manager reads afresh");
    }
}
