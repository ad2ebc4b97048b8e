package dev.streamingadaptive.cli;

import dev.streamingadaptive.parquet.compress.Decompressors;
import dev.streamingadaptive.parquet.meta.CompressionCodec;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * Entry point of the {@code streaming-adaptive} command (see DESIGN.md, "CLI contract").
 *
 * <p>Exit codes: 0 success (also when stdout is closed early, e.g. by {@code | head}), 1 the file
 * could not be read (one line on stderr: {@code streaming-adaptive: <file>: <message>}), 2 usage
 * errors.
 */
@Command(name = "streaming-adaptive",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Streams Parquet files with bounded memory.",
        subcommands = {SchemaCommand.class, InspectCommand.class, CatCommand.class, CountCommand.class, QueryCommand.class, ConvertCommand.class, GenerateCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    /** The program name used in messages. */
    static final String NAME = "streaming-adaptive";
    static final String VERSION = "0.1.0-SNAPSHOT";

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new BufferedWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16), false);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** The configured command line writing to {@code out} and {@code err} (used by main and by tests). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter e = c.getErr();
            e.println(NAME + ": " + ex.getMessage());
            e.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            e.flush();
            return c.getCommandSpec().exitCodeOnInvalidInput();
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            // Commands report their own errors; this catches anything that escaped them.
            PrintWriter e = c.getErr();
            e.println(NAME + ": " + Errors.describe(ex));
            if (Errors.verbose(parseResult)) ex.printStackTrace(e);
            e.flush();
            return 1;
        });
        return cl;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println(NAME + ": missing command");
        spec.commandLine().usage(err);
        return 2;
    }

    /** Reports the version for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {NAME + " " + (v != null ? v : VERSION),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")",
                    "codecs: snappy " + Decompressors.implementation(CompressionCodec.SNAPPY)
                            + ", zstd " + Decompressors.implementation(CompressionCodec.ZSTD)
                            + ", lz4 " + Decompressors.implementation(CompressionCodec.LZ4_RAW)
                            + " (-Dstreamingadaptive.codecs=java forces pure Java)"};
        }
    }
}
