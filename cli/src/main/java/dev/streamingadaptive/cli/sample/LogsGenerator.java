package dev.streamingadaptive.cli.sample;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.frame.TimeUnit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Application logs: {@code ts, level, service, message, latency_ms}. Levels are skewed to INFO,
 * ~50 services, messages are 50–200 characters of words, latencies log-normal in milliseconds.
 */
public final class LogsGenerator implements SampleGenerator {
    public static final DataType TS = new DataType.Timestamp(TimeUnit.MICROS, false);
    static final String[] LEVELS = {"DEBUG", "INFO", "WARN", "ERROR", "FATAL"};
    static final double[] LEVEL_WEIGHTS = {15, 70, 10, 4.5, 0.5};
    static final String[] SERVICE_NOUNS = {"auth", "billing", "cart", "catalog", "checkout", "search", "inventory",
            "payments", "shipping", "users", "orders", "pricing", "reviews", "notifications", "gateway", "ledger",
            "reports", "sessions", "media", "recommendations", "fraud", "tax", "loyalty", "support", "analytics"};
    static final String[] WORDS = ("request completed failed retry timeout user order payment session cache miss hit "
            + "database query slow connection pool exhausted upstream downstream returned status code latency exceeded "
            + "threshold token expired refreshed invalid signature queue message consumed published batch processed "
            + "records skipped duplicate key lock acquired released shard rebalanced node joined left cluster health "
            + "check passed degraded memory usage high gc pause disk write read bytes from to for with after before "
            + "the a of in on at id account cart item price quantity warehouse shipment tracking updated created deleted "
            + "scheduled job started finished in progress rate limit applied circuit breaker open closed half fallback").split(" ");

    private static final Schema SCHEMA = new Schema(List.of(
            new Field("ts", TS, false),
            new Field("level", DataType.STRING, false),
            new Field("service", DataType.STRING, false),
            new Field("message", DataType.STRING, false),
            new Field("latency_ms", DataType.FLOAT64, false)));

    private final SplittableRandom random;
    private final BinaryColumn levels = Columns.strings("level", LEVELS);
    private final BinaryColumn services;
    private final double[] levelCdf = Columns.cumulative(LEVEL_WEIGHTS);
    private final double[] serviceCdf = Columns.cumulative(Columns.zipf(SERVICE_NOUNS.length * 2, 0.8));
    private final byte[][] words;
    private long ts = Columns.epochMicros("2024-01-02T00:00:00");

    public LogsGenerator(long seed) {
        random = new SplittableRandom(seed);
        String[] names = new String[SERVICE_NOUNS.length * 2];
        for (int i = 0; i < SERVICE_NOUNS.length; i++) {
            names[2 * i] = SERVICE_NOUNS[i] + "-api";
            names[2 * i + 1] = SERVICE_NOUNS[i] + "-worker";
        }
        services = Columns.strings("service", names);
        words = new byte[WORDS.length][];
        for (int i = 0; i < WORDS.length; i++) words[i] = WORDS[i].getBytes(StandardCharsets.US_ASCII);
    }

    @Override public Schema schema() { return SCHEMA; }

    @Override
    public DataFrame next(int n) {
        SplittableRandom r = random;
        long[] tsv = new long[n];
        int[] lvl = new int[n];
        int[] svc = new int[n];
        double[] lat = new double[n];
        int[] off = new int[n + 1];
        byte[] data = new byte[n * 128];
        int pos = 0;
        for (int i = 0; i < n; i++) {
            ts += r.nextInt(4) == 0 ? r.nextInt(50_000) : r.nextInt(2_000);
            tsv[i] = ts;
            lvl[i] = Columns.pick(levelCdf, r);
            svc[i] = Columns.pick(serviceCdf, r);
            double l = Math.exp(Math.log(20) + r.nextGaussian() * (lvl[i] >= 3 ? 1.4 : 0.9));
            lat[i] = Math.round(l * 1000) / 1000.0;
            int target = 50 + r.nextInt(151);
            if (data.length - pos < 256) data = Arrays.copyOf(data, data.length * 2);
            int start = pos;
            while (pos - start < target) {
                byte[] w = words[r.nextInt(words.length)];
                if (pos > start) data[pos++] = ' ';
                System.arraycopy(w, 0, data, pos, w.length);
                pos += w.length;
            }
            if (pos - start > 200) pos = start + 200;
            if (data[pos - 1] == ' ') data[pos - 1] = '.';
            off[i + 1] = pos;
        }
        return new DataFrame(List.of(
                new LongColumn("ts", TS, tsv, n, null),
                new DictionaryColumn("level", levels, lvl, n, null),
                new DictionaryColumn("service", services, svc, n, null),
                new BinaryColumn("message", DataType.STRING, off, data, n, null),
                new DoubleColumn("latency_ms", lat, n, null)));
    }
}
