package dev.tocsin.console.access;

import dev.tocsin.runtime.http.Credentials;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Logged-in sessions, in memory: random ids (256 bits), idle expiry, bounded (the least recently
 * used goes first). A restart logs everyone out, which a console kept open all shift survives by
 * logging in again; nothing secret is stored anywhere.
 */
public final class Sessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Duration idle;
    private final int max;
    private final Clock clock;
    private final Map<String, Entry> byId;

    private record Entry(Session session, Instant lastSeen) {}

    public Sessions(Duration idle, int max, Clock clock) {
        this.idle = idle;
        this.max = max;
        this.clock = clock;
        this.byId = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > Sessions.this.max;
            }
        };
    }

    public synchronized Session open(String user, ConsoleRole role) {
        Session session = new Session(randomToken(), user, role, randomToken());
        byId.put(session.id(), new Entry(session, clock.instant()));
        return session;
    }

    /** The live session with this id; touching it extends its idle time. */
    public synchronized Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Entry entry = byId.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (now.isAfter(entry.lastSeen().plus(idle))) {
            byId.remove(id);
            return Optional.empty();
        }
        byId.put(id, new Entry(entry.session(), now));
        return Optional.of(entry.session());
    }

    public synchronized void close(String id) {
        if (id != null) {
            byId.remove(id);
        }
    }

    public synchronized int size() {
        return byId.size();
    }

    public Duration idle() {
        return idle;
    }

    /** Whether a submitted CSRF token is this session's (constant time). */
    public static boolean csrfMatches(Session session, String submitted) {
        return submitted != null && Credentials.constantTimeEquals(submitted, session.csrfToken());
    }

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
