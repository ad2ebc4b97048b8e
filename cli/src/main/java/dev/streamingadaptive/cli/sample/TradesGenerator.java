package dev.streamingadaptive.cli.sample;

import dev.streamingadaptive.frame.BinaryColumn;
import dev.streamingadaptive.frame.BooleanColumn;
import dev.streamingadaptive.frame.DataFrame;
import dev.streamingadaptive.frame.DataType;
import dev.streamingadaptive.frame.DictionaryColumn;
import dev.streamingadaptive.frame.DoubleColumn;
import dev.streamingadaptive.frame.Field;
import dev.streamingadaptive.frame.IntColumn;
import dev.streamingadaptive.frame.LongColumn;
import dev.streamingadaptive.frame.Schema;
import dev.streamingadaptive.frame.TimeUnit;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Market trades: {@code ts, symbol, price, size, exchange, is_buy, trade_id, cond}. Timestamps
 * start at 2024-01-02T09:30 and increase by small random steps; symbols are ~2,000 ticker-like
 * names drawn Zipf-like (AAPL, MSFT, NVDA… most often); prices follow a per-symbol random walk
 * rounded to cents; sizes cluster on round lots; {@code cond} is null 80% of the time.
 */
public final class TradesGenerator implements SampleGenerator {
    public static final DataType TS = new DataType.Timestamp(TimeUnit.MICROS, false);
    static final String[] FAMOUS = {"AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "AMD", "SPY", "QQQ",
            "NFLX", "AVGO", "JPM", "V", "INTC", "BAC", "XOM", "WMT", "KO", "PFE", "DIS", "CSCO", "ORCL", "CRM", "ADBE",
            "IBM", "T", "VZ", "NKE", "MCD", "GS", "MS", "C", "WFC", "UBER", "PYPL", "SHOP", "SQ", "PLTR", "COIN"};
    static final String[] EXCHANGES = {"NASDAQ", "NYSE", "ARCA", "BATS", "IEX", "EDGX", "BYX", "AMEX"};
    static final double[] EXCHANGE_WEIGHTS = {30, 25, 15, 10, 5, 8, 4, 3};
    static final String[] CONDS = {"F", "T", "I", "O", "Z", "@"};
    static final int SYMBOLS = 2000;

    private static final Schema SCHEMA = new Schema(List.of(
            new Field("ts", TS, false),
            new Field("symbol", DataType.STRING, false),
            new Field("price", DataType.FLOAT64, false),
            new Field("size", DataType.INT32, false),
            new Field("exchange", DataType.STRING, false),
            new Field("is_buy", DataType.BOOLEAN, false),
            new Field("trade_id", DataType.INT64, false),
            new Field("cond", DataType.STRING, true)));

    private final SplittableRandom random;
    private final BinaryColumn symbols;
    private final BinaryColumn exchanges = Columns.strings("exchange", EXCHANGES);
    private final BinaryColumn conds = Columns.strings("cond", CONDS);
    private final double[] symbolCdf = Columns.cumulative(Columns.zipf(SYMBOLS, 1.1));
    private final double[] exchangeCdf = Columns.cumulative(EXCHANGE_WEIGHTS);
    private final double[] prices = new double[SYMBOLS];
    private long ts = Columns.epochMicros("2024-01-02T09:30:00");
    private long tradeId = 1;

    public TradesGenerator(long seed) {
        random = new SplittableRandom(seed);
        SplittableRandom names = new SplittableRandom(seed ^ 0x5DEECE66DL);
        LinkedHashSet<String> set = new LinkedHashSet<>(List.of(FAMOUS));
        StringBuilder sb = new StringBuilder();
        while (set.size() < SYMBOLS) {
            sb.setLength(0);
            int len = 2 + names.nextInt(3);
            for (int i = 0; i < len; i++) sb.append((char) ('A' + names.nextInt(26)));
            set.add(sb.toString());
        }
        symbols = Columns.strings("symbol", set.toArray(new String[0]));
        for (int i = 0; i < SYMBOLS; i++) prices[i] = Math.round(Math.exp(names.nextDouble(Math.log(5), Math.log(800))) * 100) / 100.0;
    }

    @Override public Schema schema() { return SCHEMA; }

    @Override
    public DataFrame next(int n) {
        SplittableRandom r = random;
        long[] tsv = new long[n];
        int[] sym = new int[n];
        double[] price = new double[n];
        int[] size = new int[n];
        int[] exch = new int[n];
        boolean[] buy = new boolean[n];
        long[] ids = new long[n];
        int[] cond = new int[n];
        boolean[] condNull = new boolean[n];
        for (int i = 0; i < n; i++) {
            // mostly sub-millisecond gaps, sometimes longer pauses
            ts += r.nextInt(8) == 0 ? r.nextInt(20_000) : r.nextInt(600);
            tsv[i] = ts;
            int s = Columns.pick(symbolCdf, r);
            sym[i] = s;
            double p = prices[s] * (1 + r.nextGaussian() * 0.0004);
            p = Math.max(0.01, Math.round(p * 100) / 100.0);
            prices[s] = p;
            price[i] = p;
            size[i] = size(r);
            exch[i] = Columns.pick(exchangeCdf, r);
            buy[i] = r.nextBoolean();
            ids[i] = tradeId++;
            if (r.nextInt(5) == 0) cond[i] = r.nextInt(CONDS.length);
            else condNull[i] = true;
        }
        return new DataFrame(List.of(
                new LongColumn("ts", TS, tsv, n, null),
                new DictionaryColumn("symbol", symbols, sym, n, null),
                new DoubleColumn("price", price, n, null),
                new IntColumn("size", size, n, null),
                new DictionaryColumn("exchange", exchanges, exch, n, null),
                new BooleanColumn("is_buy", buy, n, null),
                new LongColumn("trade_id", ids, n, null),
                new DictionaryColumn("cond", conds, cond, n, condNull)));
    }

    private static int size(SplittableRandom r) {
        int k = r.nextInt(100);
        if (k < 55) return 100 * (1 + (int) Math.min(9, Math.floor(-Math.log(1 - r.nextDouble()) * 1.5)));  // 100..1000
        if (k < 80) return 1 + r.nextInt(99);                                                                  // odd lots
        if (k < 95) return 100 * (1 + r.nextInt(100));                                                          // up to 10,000
        return 1 + r.nextInt(10_000);
    }
}
