package dev.tocsin.ingest.domain;

import dev.tocsin.avro.Silence;
import dev.tocsin.schemas.rules.SilenceRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Alertmanager's rules for changing silences (its {@code Silences.Set} and {@code Expire}), so
 * {@code amtool silence update} and {@code expire} behave as against Alertmanager:
 * <ul>
 *   <li>a posted silence without id is created; a start in the past becomes now;</li>
 *   <li>a posted silence with the id of an existing one is updated in place only when its matchers
 *       are unchanged and, if the silence is active, its start is unchanged and its end not past, or,
 *       if pending, its new start is not past; otherwise the old silence is expired (unless it
 *       already is) and a new one with a new id is created;</li>
 *   <li>expiring an active silence ends it now; a pending one starts and ends now; an expired one
 *       cannot be expired again.</li>
 * </ul>
 * Every change is a new version of a silence, stamped {@code updatedAt = now}.
 */
public final class SilenceChanges {

    /**
     * What a post leads to.
     *
     * @param silenceId the id of the silence that now holds the posted content (answered to the client)
     * @param versions  the versions to store, in order (an expired predecessor first, if any)
     * @param created   whether a new silence was created (else one was updated in place)
     */
    public record Outcome(String silenceId, List<Silence> versions, boolean created) {
        public Outcome {
            versions = List.copyOf(versions);
        }
    }

    private SilenceChanges() {}

    /**
     * @param current the stored silence named by {@code posted.id()}, or null (none named, or unknown)
     * @throws UnknownSilenceException when the post names an id that is not stored
     */
    public static Outcome post(PostedSilence posted, Silence current, Instant now, Supplier<String> ids) {
        if (posted.id() != null && current == null) {
            throw new UnknownSilenceException(posted.id());
        }
        List<Silence> versions = new ArrayList<>(2);
        if (current != null) {
            if (canUpdateInPlace(current, posted, now)) {
                Silence updated = version(current.getSilenceId(), posted, posted.startsAt(), now);
                return new Outcome(updated.getSilenceId(), List.of(updated), false);
            }
            if (SilenceRules.state(current, now) != SilenceRules.State.EXPIRED) {
                versions.add(expired(current, now));
            }
        }
        Instant start = posted.startsAt().isBefore(now) ? now : posted.startsAt();
        Silence created = version(ids.get(), posted, start, now);
        versions.add(created);
        return new Outcome(created.getSilenceId(), versions, true);
    }

    /**
     * The silence, expired now.
     *
     * @throws ExpiredSilenceException when it has expired already
     */
    public static Silence expire(Silence current, Instant now) {
        if (SilenceRules.state(current, now) == SilenceRules.State.EXPIRED) {
            throw new ExpiredSilenceException(current.getSilenceId());
        }
        return expired(current, now);
    }

    private static Silence expired(Silence current, Instant now) {
        Silence.Builder expired = Silence.newBuilder(current).setEndsAt(now).setUpdatedAt(now);
        if (SilenceRules.state(current, now) == SilenceRules.State.PENDING) {
            expired.setStartsAt(now); // starts and ends now: expired without ever having been active
        }
        return expired.build();
    }

    private static boolean canUpdateInPlace(Silence current, PostedSilence posted, Instant now) {
        if (!current.getMatchers().equals(posted.matchers())) {
            return false;
        }
        return switch (SilenceRules.state(current, now)) {
            case ACTIVE ->
                posted.startsAt().equals(current.getStartsAt())
                        && !posted.endsAt().isBefore(now);
            case PENDING -> !posted.startsAt().isBefore(now);
            case EXPIRED -> false;
        };
    }

    private static Silence version(String id, PostedSilence posted, Instant startsAt, Instant now) {
        return Silence.newBuilder()
                .setSilenceId(id)
                .setMatchers(posted.matchers())
                .setStartsAt(startsAt)
                .setEndsAt(posted.endsAt())
                .setCreatedBy(posted.createdBy())
                .setComment(posted.comment())
                .setUpdatedAt(now)
                .build();
    }
}
