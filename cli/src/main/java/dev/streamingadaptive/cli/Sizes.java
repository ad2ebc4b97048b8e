package dev.streamingadaptive.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.Locale;

/** Parses sizes given on the command line: {@code 512}, {@code 64k}, {@code 128m}, {@code 2g}, {@code 1t}, optionally with a {@code b}. */
final class Sizes {
    private Sizes() {}

    static long parse(String value, String option, CommandSpec spec) {
        String s = value.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith("b")) s = s.substring(0, s.length() - 1);
        long mult = 1;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'k' -> mult = 1L << 10;
                case 'm' -> mult = 1L << 20;
                case 'g' -> mult = 1L << 30;
                case 't' -> mult = 1L << 40;
                default -> { }
            }
            if (mult != 1) s = s.substring(0, s.length() - 1);
        }
        try {
            long n = Long.parseLong(s);
            if (n <= 0) throw new NumberFormatException();
            return Math.multiplyExact(n, mult);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ParameterException(spec.commandLine(),
                    "invalid " + option + " '" + value + "': expected a positive size such as 512m or 2g");
        }
    }
}
