package dev.tocsin.publisher.delivery;

import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * One partition's progress when records finish out of order: the offset that may be committed is
 * the lowest record still unfinished, or one past the last record seen when all are finished.
 * A record whose attempt is under way holds back the commit of its partition (so a restart repeats
 * it and the ones after it, at-least-once) but never the delivery of the records after it; a
 * record awaiting a retry is finished once it is on the retry topic.
 */
final class PendingOffsets {

    private final TreeSet<Long> unfinished = new TreeSet<>();
    private long first = -1;
    private long next = -1;
    private long committed = -1;

    /** A record was taken on; {@code offset}s arrive in increasing order. */
    void started(long offset) {
        unfinished.add(offset);
        if (first < 0) {
            first = offset;
        }
        next = Math.max(next, offset + 1);
    }

    /** A record is delivered, dead-lettered or skipped. */
    void finished(long offset) {
        unfinished.remove(offset);
        next = Math.max(next, offset + 1);
    }

    /** Records taken on and not yet finished. */
    int inFlight() {
        return unfinished.size();
    }

    /** The offset to commit now, empty when nothing new is committable. */
    OptionalLong committable() {
        long offset = unfinished.isEmpty() ? next : unfinished.first();
        // before the first commit, the first record's offset is where the group already stands
        return offset > Math.max(committed, first) ? OptionalLong.of(offset) : OptionalLong.empty();
    }

    /** The broker accepted {@code offset}. */
    void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    /** Where to restart so nothing unfinished is skipped: the last commit, else the first record taken on. */
    OptionalLong restartAt() {
        return committed >= 0 ? OptionalLong.of(committed) : first >= 0 ? OptionalLong.of(first) : OptionalLong.empty();
    }
}
