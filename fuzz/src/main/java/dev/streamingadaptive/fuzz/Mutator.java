package dev.streamingadaptive.fuzz;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Makes mutant {@code index} of a round: the seed file and the mutations are drawn from a random
 * source seeded by (round seed, index) alone, so that a mutant can be made again anywhere — by the
 * parent after its child crashed, or by a developer from the numbers in a report.
 */
final class Mutator {
    private static final byte[] INTERESTING = {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff, (byte) 0xfe, 0x40, 0x10};

    private final List<byte[]> seeds;
    private final long roundSeed;

    Mutator(List<byte[]> seeds, long roundSeed) {
        if (seeds.isEmpty()) throw new IllegalArgumentException("no seed files");
        this.seeds = seeds;
        this.roundSeed = roundSeed;
    }

    /** Which seed mutant {@code index} starts from. */
    int seedOf(long index) {
        return (int) Math.floorMod(random(index).nextLong(), seeds.size());
    }

    private Random random(long index) {
        return new Random(roundSeed * 0x9E3779B97F4A7C15L + index);
    }

    /** Mutant {@code index}: 1 to 4 mutations of one seed. */
    byte[] mutant(long index) {
        Random rnd = random(index);
        byte[] b = seeds.get((int) Math.floorMod(rnd.nextLong(), seeds.size())).clone();
        int mutations = 1 + rnd.nextInt(4);
        for (int m = 0; m < mutations && b.length > 0; m++) b = mutate(b, rnd);
        return b;
    }

    private byte[] mutate(byte[] b, Random rnd) {
        int n = b.length;
        // Most of a Parquet file's structure is in the footer and the page headers: aim there often.
        int at = rnd.nextInt(3) == 0 ? Math.max(0, n - 1 - rnd.nextInt(Math.min(n, 512))) : rnd.nextInt(n);
        switch (rnd.nextInt(8)) {
            case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));                       // bit flip
            case 1 -> b[at] = INTERESTING[rnd.nextInt(INTERESTING.length)];      // boundary byte
            case 2 -> {                                                           // run of one byte
                int len = Math.min(n - at, 1 + rnd.nextInt(16));
                Arrays.fill(b, at, at + len, INTERESTING[rnd.nextInt(INTERESTING.length)]);
            }
            case 3 -> {                                                           // random bytes
                int len = Math.min(n - at, 1 + rnd.nextInt(8));
                for (int i = 0; i < len; i++) b[at + i] = (byte) rnd.nextInt(256);
            }
            case 4 -> {                                                           // a varint grows or shrinks
                b[at] = (byte) (b[at] + (rnd.nextBoolean() ? 1 : -1) * (1 + rnd.nextInt(4)));
            }
            case 5 -> {                                                           // truncation
                return Arrays.copyOf(b, rnd.nextInt(n));
            }
            case 6 -> {                                                           // splice another seed's bytes in
                byte[] other = seeds.get(rnd.nextInt(seeds.size()));
                if (other.length == 0) return b;
                int from = rnd.nextInt(other.length);
                int len = Math.min(Math.min(n - at, other.length - from), 1 + rnd.nextInt(256));
                System.arraycopy(other, from, b, at, len);
            }
            default -> {                                                          // copy a range over another place
                int from = rnd.nextInt(n);
                int len = Math.min(Math.min(n - at, n - from), 1 + rnd.nextInt(64));
                System.arraycopy(b, from, b, at, len);
            }
        }
        return b;
    }
}
