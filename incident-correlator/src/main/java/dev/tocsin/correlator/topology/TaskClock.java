package dev.tocsin.correlator.topology;

import java.time.Duration;

/**
 * Which time a task's wall-clock punctuators may act at: the wall clock while the task is live
 * (stream time near the wall clock) or idle (no input for two intervals, at least
 * {@link #MIN_IDLE}), its stream time while it replays history, so a replay decides (and forgets)
 * exactly as the original run did.
 */
final class TaskClock {

    /** Stream time this close to the wall clock means the task is live, not replaying history. */
    static final Duration LIVE_LAG = Duration.ofSeconds(60);
    /** No input for this long (at least) means a replay has ended and the wall clock may take over. */
    static final Duration MIN_IDLE = Duration.ofSeconds(30);

    private final long idleMillis;
    private long lastInputWallClock;

    /**
     * @param interval        how often the punctuator asking runs
     * @param startWallClock  the wall clock when the task started (a restarted task is not idle before it resumed)
     */
    TaskClock(Duration interval, long startWallClock) {
        this.idleMillis = Math.max(2 * interval.toMillis(), MIN_IDLE.toMillis());
        this.lastInputWallClock = startWallClock;
    }

    /** An input arrived at this wall-clock time. */
    void inputAt(long wallClockMillis) {
        lastInputWallClock = wallClockMillis;
    }

    /** Whether the task is live or idle, so the wall clock cannot overtake input still to come. */
    boolean wallClockMayLead(long wallClockMillis, long streamTimeMillis) {
        boolean live = wallClockMillis - streamTimeMillis <= LIVE_LAG.toMillis();
        boolean idle = wallClockMillis - lastInputWallClock >= idleMillis;
        return live || idle;
    }

    /** The wall clock when it may lead, else the stream time (non-positive before any input). */
    long now(long wallClockMillis, long streamTimeMillis) {
        return wallClockMayLead(wallClockMillis, streamTimeMillis) ? wallClockMillis : streamTimeMillis;
    }
}
