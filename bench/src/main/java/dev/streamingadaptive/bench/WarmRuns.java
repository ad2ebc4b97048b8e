package dev.streamingadaptive.bench;

import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Times an action the way every worker process does: the first run is the cold one, unmeasured
 * warm-ups follow until {@link Worker#WARMUP_SECONDS} (or the time given) have gone by in them (at most
 * {@link Worker#MAX_EXTRA_WARMUPS} more), then {@code runs} measured runs, the best kept.
 *
 * @param best   the best measured run in seconds (the cold one when {@code runs} is 0)
 * @param cold   the first run in seconds
 * @param result what the last run returned
 */
record WarmRuns(double best, double cold, String result) {
    /** @param label printed with each run's time on stderr when {@code VERBOSE} is set */
    static WarmRuns measure(int runs, String label, Callable<String> action) throws Exception {
        return measure(runs, Worker.WARMUP_SECONDS, label, action);
    }

    /** As {@link #measure(int, String, Callable)}, warming up until {@code warmupSeconds} have gone by in warm-ups. */
    static WarmRuns measure(int runs, double warmupSeconds, String label, Callable<String> action) throws Exception {
        double best = Double.MAX_VALUE, cold = Double.NaN, warmedUp = 0;
        int warmups = 1;
        String result = null;
        for (int i = 0; i < warmups + runs; i++) {
            long t0 = System.nanoTime();
            result = action.call();
            double sec = (System.nanoTime() - t0) / 1e9;
            if (i == 0) cold = sec;
            if (i < warmups) {
                warmedUp += sec;
                if (runs > 0 && warmedUp < warmupSeconds && warmups <= Worker.MAX_EXTRA_WARMUPS) warmups++;
            } else {
                best = Math.min(best, sec);
            }
            if (System.getenv("VERBOSE") != null) System.err.printf(Locale.ROOT, "%s %d: %.3f s%n", label, i, sec);
        }
        return new WarmRuns(runs == 0 ? cold : best, cold, result);
    }
}
