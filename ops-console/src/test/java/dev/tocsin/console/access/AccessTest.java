package dev.tocsin.console.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tocsin.runtime.config.ConfigException;
import dev.tocsin.runtime.config.Environment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessTest {

    @Test
    void operatorsActAndSupportOnlyLinksAndUnlinksTickets() {
        for (String type : List.of(
                "ACKNOWLEDGE", "SET_SEVERITY", "SET_STATUS", "POST_UPDATE", "PUBLISH", "MERGE", "RESOLVE", "REOPEN")) {
            assertThat(ConsoleRole.OPERATOR.maySend(type)).as(type).isTrue();
            assertThat(ConsoleRole.SUPPORT.maySend(type)).as(type).isFalse();
        }
        assertThat(ConsoleRole.SUPPORT.maySend("LINK_TICKET")).isTrue();
        assertThat(ConsoleRole.SUPPORT.maySend("UNLINK_TICKET")).isTrue();
        assertThat(ConsoleRole.SUPPORT.mayManageQueues()).isFalse();
        assertThat(ConsoleRole.SUPPORT.mayReadAlerts()).isFalse();
    }

    @Test
    void usersLogInWithTheirOwnPasswordInTheirRole() {
        Users users = new Users(List.of("ops:s3cret"), List.of("sue:pw:with:colons"));
        assertThat(users.login("ops", "s3cret")).contains(ConsoleRole.OPERATOR);
        assertThat(users.login("sue", "pw:with:colons")).contains(ConsoleRole.SUPPORT);
        assertThat(users.login("ops", "wrong")).isEmpty();
        assertThat(users.login("sue", "s3cret")).isEmpty();
        assertThat(users.login("ops:s3cret", "")).isEmpty();
        assertThat(users.login(null, null)).isEmpty();
    }

    @Test
    void productionRefusesToStartWithoutOperatorLoginsAndTheLocalStackHasPrintedOnes() {
        assertThatThrownBy(() -> Users.configured(new Environment(Map.of()), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TOCSIN_CONSOLE_OPERATOR_USERS");
        Users local = Users.configured(new Environment(Map.of()), true);
        assertThat(local.login("ops", "local-dev-password")).contains(ConsoleRole.OPERATOR);
        assertThat(local.login("support", "local-dev-password")).contains(ConsoleRole.SUPPORT);
        assertThatThrownBy(() ->
                        Users.configured(new Environment(Map.of("TOCSIN_CONSOLE_OPERATOR_USERS", "nopassword")), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("user:password");
    }

    @Test
    void aSessionExpiresAfterItsIdleTimeAndIsExtendedByUse() {
        MutableClock clock = new MutableClock();
        Sessions sessions = new Sessions(Duration.ofMinutes(10), 100, clock);
        Session session = sessions.open("ops", ConsoleRole.OPERATOR);
        clock.advance(Duration.ofMinutes(9));
        assertThat(sessions.find(session.id())).contains(session);
        clock.advance(Duration.ofMinutes(9));
        assertThat(sessions.find(session.id())).contains(session);
        clock.advance(Duration.ofMinutes(11));
        assertThat(sessions.find(session.id())).isEmpty();
    }

    @Test
    void sessionsAreBoundedAndTheLeastRecentlyUsedGoesFirst() {
        Sessions sessions = new Sessions(Duration.ofHours(1), 2, new MutableClock());
        Session first = sessions.open("a", ConsoleRole.OPERATOR);
        Session second = sessions.open("b", ConsoleRole.SUPPORT);
        sessions.find(first.id());
        sessions.open("c", ConsoleRole.SUPPORT);
        assertThat(sessions.find(second.id())).isEmpty();
        assertThat(sessions.find(first.id())).isPresent();
        assertThat(sessions.size()).isEqualTo(2);
    }

    @Test
    void aCsrfTokenIsTheSessionsOwnAndIdsAreUnguessable() {
        Sessions sessions = new Sessions(Duration.ofHours(1), 10, new MutableClock());
        Session a = sessions.open("a", ConsoleRole.OPERATOR);
        Session b = sessions.open("a", ConsoleRole.OPERATOR);
        assertThat(a.id()).isNotEqualTo(b.id()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(Sessions.csrfMatches(a, a.csrfToken())).isTrue();
        assertThat(Sessions.csrfMatches(a, b.csrfToken())).isFalse();
        assertThat(Sessions.csrfMatches(a, null)).isFalse();
        sessions.close(a.id());
        assertThat(sessions.find(a.id())).isEmpty();
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
