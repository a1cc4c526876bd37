package dev.tocsin.runtime.http;

import dev.tocsin.runtime.config.CommonSettings;
import dev.tocsin.runtime.config.ConfigException;
import dev.tocsin.runtime.config.Environment;
import io.javalin.http.Context;
import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The secret the instances of a service share to call each other. Internal flags such as
 * {@code local=true} (answer from local state only) are honoured only on requests that carry it.
 * A header with a shared secret rather than "only on the management port": behind a Kubernetes
 * Service a port is no boundary (the ServiceMonitor, port-forwards and every pod of the namespace
 * reach the management port too), and the instances already address each other on the main port
 * they advertise as {@code application.server}; a secret holds wherever a request comes from.
 */
public final class InstanceToken {

    /** The request header carrying the secret. */
    public static final String HEADER = "X-Tocsin-Instance-Token";
    /** Query parameters only instances may send. */
    public static final List<String> INTERNAL_FLAGS = List.of("local");

    private final String secret;

    private InstanceToken(String secret) {
        this.secret = secret;
    }

    /**
     * The configured {@link CommonSettings#INTERNAL_TOKEN}. Instances that call each other
     * ({@code talksToOtherInstances}: an application server is set) cannot run without it, in
     * either mode: each would invent its own and refuse the others. A lone instance gets a random
     * one nobody else knows, so internal flags are always refused from outside.
     */
    public static InstanceToken configured(
            Environment env, boolean talksToOtherInstances, String applicationServerSetting) {
        Optional<String> shared = env.optional(CommonSettings.INTERNAL_TOKEN).filter(token -> !token.isBlank());
        if (shared.isPresent()) {
            return new InstanceToken(shared.get().trim());
        }
        if (talksToOtherInstances) {
            throw new ConfigException(CommonSettings.INTERNAL_TOKEN.env() + " is required when "
                    + applicationServerSetting + " is set: the instances prove with it that a request asking for "
                    + "their local state comes from one of them (set the same secret on every instance)");
        }
        return random();
    }

    /** A fresh random secret, e.g. for the local stack to hand to its services. */
    public static InstanceToken random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new InstanceToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The secret, to pass on as {@link CommonSettings#INTERNAL_TOKEN}; never log it. */
    public String secret() {
        return secret;
    }

    /** Whether the request came from another instance of the service. */
    public boolean presentedBy(Context ctx) {
        String presented = ctx.header(HEADER);
        return presented != null && Credentials.constantTimeEquals(presented, secret);
    }

    /** Adds the secret to a request to another instance. */
    public HttpRequest.Builder sign(HttpRequest.Builder request) {
        return request.header(HEADER, secret);
    }

    /** Refuses (403 problem) a request from outside that sets an internal flag; ignoring it would hide the mistake. */
    public void refuseInternalFlagsFromOutside(Context ctx) {
        for (String flag : INTERNAL_FLAGS) {
            if (ctx.queryParam(flag) != null && !presentedBy(ctx)) {
                throw new ProblemException(
                        Problem.of(
                                403,
                                "Forbidden",
                                "The query parameter '" + flag
                                        + "' is for requests between instances of this service; leave it out."),
                        Map.of());
            }
        }
    }

    @Override
    public String toString() {
        return "InstanceToken[****]";
    }
}
