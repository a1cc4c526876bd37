package dev.tocsin.console.access;

import dev.tocsin.console.ConsoleSettings;
import dev.tocsin.runtime.config.ConfigException;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.http.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The people who may log in, per role, checked by the same constant-time rule as every service's
 * credentials ({@link Credentials}). An operator listed as support too is an operator.
 */
public final class Users {

    private final Credentials operators;
    private final Credentials support;

    public Users(List<String> operatorPairs, List<String> supportPairs) {
        this.operators = new Credentials(List.of(), operatorPairs);
        this.support = new Credentials(List.of(), supportPairs);
    }

    /** Configured users; the local stack falls back to the printed local logins, production refuses to start without operators. */
    public static Users configured(Environment env, boolean local) {
        List<String> operators = env.optional(ConsoleSettings.OPERATOR_USERS).orElse(List.of());
        List<String> support = env.optional(ConsoleSettings.SUPPORT_USERS).orElse(List.of());
        for (String pair : concat(operators, support)) {
            if (pair.indexOf(':') < 1 || pair.endsWith(":")) {
                throw new ConfigException(ConsoleSettings.OPERATOR_USERS.env() + " / "
                        + ConsoleSettings.SUPPORT_USERS.env() + ": every entry must be user:password");
            }
        }
        if (operators.isEmpty()) {
            if (!local) {
                throw new ConfigException("Set " + ConsoleSettings.OPERATOR_USERS.env()
                        + ": production refuses to serve the console without operator logins");
            }
            operators = List.of(ConsoleSettings.LOCAL_OPERATOR);
            support = support.isEmpty() ? List.of(ConsoleSettings.LOCAL_SUPPORT) : support;
        }
        return new Users(operators, support);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    /** The role of {@code user} if {@code password} is theirs. */
    public Optional<ConsoleRole> login(String user, String password) {
        if (user == null || password == null || user.isBlank() || user.contains(":")) {
            return Optional.empty();
        }
        String header =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        if (operators.authenticate(header).isPresent()) {
            return Optional.of(ConsoleRole.OPERATOR);
        }
        if (support.authenticate(header).isPresent()) {
            return Optional.of(ConsoleRole.SUPPORT);
        }
        return Optional.empty();
    }
}
