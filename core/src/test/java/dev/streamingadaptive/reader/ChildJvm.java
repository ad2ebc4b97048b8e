package dev.streamingadaptive.reader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** Runs a test's main class in a separate JVM and collects the {@code KEY value} lines it prints. */
final class ChildJvm {
    private ChildJvm() {}

    /** What the child printed: exit code, {@code KEY value} pairs, raw stdout and stderr. */
    record Result(int exit, Map<String, String> values, String out, String err) {
        long num(String key) {
            String v = values.get(key);
            if (v == null) fail("child printed no " + key + "; exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err);
            return Long.parseLong(v.split(" ")[0]);
        }

        String text(String key) {
            String v = values.get(key);
            if (v == null) fail("child printed no " + key + "; exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err);
            return v;
        }
    }

    /** Runs {@code prefix + java [jvmArgs] main args} (output files in {@code dir}), killing it after {@code seconds}. */
    static Result run(Path dir, long seconds, List<String> prefix, List<String> jvmArgs, Class<?> main, String... args)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(java);
        cmd.addAll(jvmArgs);
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        Path outFile = Files.createTempFile(dir, "child", ".out");
        Path errFile = Files.createTempFile(dir, "child", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(outFile.toFile()).redirectError(errFile.toFile()).start();
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                fail("child did not finish in " + seconds + " s; stdout:\n" + Files.readString(outFile));
            }
        } finally {
            if (p.isAlive()) p.destroyForcibly().waitFor();
        }
        String out = Files.readString(outFile);
        Map<String, String> values = new HashMap<>();
        for (String line : out.split("\n")) {
            int sp = line.indexOf(' ');
            if (sp > 0) values.put(line.substring(0, sp), line.substring(sp + 1));
            else if (!line.isEmpty()) values.put(line, "");
        }
        return new Result(p.exitValue(), values, out, Files.readString(errFile));
    }
}
