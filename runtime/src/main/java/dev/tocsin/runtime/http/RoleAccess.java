package dev.tocsin.runtime.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may call which route: every role has its credentials, every protected route names the roles
 * it admits (Javalin route roles, {@code app.get(path, handler, roles...)}). Missing or unknown
 * credentials are 401 with {@code WWW-Authenticate}; credentials of other roles only are 403. A
 * request from another instance of the service ({@link InstanceToken}) passes: that instance
 * checked its caller before it asked. Routes registered without roles stay open.
 */
public final class RoleAccess {

    private final Map<RouteRole, Credentials> byRole;
    private final InstanceToken instances;

    public RoleAccess(Map<? extends RouteRole, Credentials> byRole, InstanceToken instances) {
        this.byRole = new LinkedHashMap<>(byRole);
        this.instances = instances;
    }

    /** Checks every matched route's roles before its handler runs. */
    public void install(Javalin app) {
        app.beforeMatched(this::check);
    }

    /** The roles whose credentials the {@code Authorization} header carries (one token may serve several). */
    public Set<RouteRole> rolesOf(String authorization) {
        Set<RouteRole> held = new LinkedHashSet<>();
        byRole.forEach((role, credentials) -> {
            if (credentials.authenticate(authorization).isPresent()) {
                held.add(role);
            }
        });
        return held;
    }

    private void check(Context ctx) {
        Set<RouteRole> admitted = ctx.routeRoles();
        if (admitted.isEmpty() || instances.presentedBy(ctx)) {
            return;
        }
        Set<RouteRole> held = rolesOf(ctx.header("Authorization"));
        if (held.isEmpty()) {
            throw new ProblemException(
                    Problem.of(401, "Unauthorized", "Valid credentials are required for this route."),
                    Map.of("WWW-Authenticate", Credentials.CHALLENGE));
        }
        if (held.stream().noneMatch(admitted::contains)) {
            throw new ProblemException(
                    Problem.of(
                            403,
                            "Forbidden",
                            "This route is for "
                                    + admitted.stream()
                                            .map(role -> role.toString().toLowerCase(java.util.Locale.ROOT))
                                            .sorted()
                                            .collect(Collectors.joining(" or "))
                                    + " credentials."),
                    Map.of());
        }
    }
}
