package dev.streamingadaptive.frame;

/** Resolution of TIME and TIMESTAMP values; the stored long counts units since midnight or the epoch. */
public enum TimeUnit {
    MILLIS(3, 1_000L), MICROS(6, 1_000_000L), NANOS(9, 1_000_000_000L);

    /** Fraction digits printed for this unit. */
    public final int fractionDigits;
    /** Units per second. */
    public final long perSecond;

    TimeUnit(int fractionDigits, long perSecond) {
        this.fractionDigits = fractionDigits;
        this.perSecond = perSecond;
    }
}
