// How every Polars peer script times its work (as the Java workers do, bench/.../WarmRuns.java): the first run is the
// cold one, unmeasured warm-ups follow until 1 s has gone by in them (at most 30), then reps - 1 measured runs, the best
// kept. fn() may return a value; the last one is returned as `result`. VERBOSE prints each run on stderr.
export async function measure(reps, fn) {
  let best = Infinity, cold = NaN, warmups = 1, warmedUp = 0, result;
  for (let i = 0; i < warmups + reps - 1; i++) {
    const t0 = process.hrtime.bigint();
    result = await fn();
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    if (i === 0) cold = secs;
    if (i < warmups) {
      warmedUp += secs;
      if (reps > 1 && warmedUp < 1.0 && warmups <= 30) warmups++;
    } else if (secs < best) {
      best = secs;
    }
    if (process.env.VERBOSE) process.stderr.write(`${i < warmups ? "warm-up" : "rep"} ${i + 1}: ${secs.toFixed(3)} s\n`);
  }
  return { best: reps === 1 ? cold : best, cold, result };
}
