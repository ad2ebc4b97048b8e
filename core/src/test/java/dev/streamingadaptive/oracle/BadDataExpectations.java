package dev.streamingadaptive.oracle;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Records DuckDB's result for every corrupt corpus file DuckDB still reads, into
 * {@code core/src/test/resources/bad_data_expected/NAME.jsonl}, for {@link BadDataTest}.
 * Run from the repository root with the test classpath; rerun when DuckDB is upgraded.
 * Files DuckDB rejects get no recording (a reader that accepts them fails the test).
 */
public final class BadDataExpectations {
    private BadDataExpectations() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of("core/src/test/resources/bad_data_expected");
        Files.createDirectories(out);
        try (DuckDbOracle oracle = new DuckDbOracle();
             var files = Files.list(OracleSupport.testingDir().resolve("bad_data"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".parquet")).sorted().toList()) {
                Path target = out.resolve(f.getFileName().toString().replace(".parquet", ".jsonl"));
                try {
                    Files.write(target, oracle.expected(f).lines());
                    System.out.println("recorded " + target);
                } catch (DuckDbOracle.OracleException e) {
                    Files.deleteIfExists(target);
                    System.out.println("DuckDB rejects " + f.getFileName());
                }
            }
        }
    }
}
