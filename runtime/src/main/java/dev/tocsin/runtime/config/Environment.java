package dev.tocsin.runtime.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@link Setting}s from environment variables (or any map standing in for them in tests),
 * validating each once at start-up with a message that names the variable, and turns every
 * {@code KAFKA_*} variable into a Kafka client property ({@code KAFKA_SECURITY_PROTOCOL} becomes
 * {@code security.protocol}), as bakdata's and Confluent's images do. A setting's deprecated former
 * variable ({@link Setting#formerName()}) is read here, in one place, when the setting's own is unset.
 */
public final class Environment {

    public static final String KAFKA_PREFIX = "KAFKA_";

    private static final Logger LOG = LoggerFactory.getLogger(Environment.class);
    /** Former variables already warned about: once per process, however often they are read. */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private final Map<String, String> variables;

    public Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /** The raw variables, e.g. to derive the environment of an in-process service. */
    public Map<String, String> variables() {
        return variables;
    }

    public static Environment system() {
        return new Environment(System.getenv());
    }

    /** The value of {@code setting}, or its default; fails with the variable's name if it does not parse. */
    public <T> T get(Setting<T> setting) {
        String raw = raw(setting).orElse(setting.defaultValue());
        if (raw == null) {
            throw new ConfigException(setting.env() + " is required: " + setting.description());
        }
        return parse(setting, raw);
    }

    /** The value of an optional setting without a default. */
    public <T> Optional<T> optional(Setting<T> setting) {
        Optional<String> raw = raw(setting).or(() -> Optional.ofNullable(setting.defaultValue()));
        return raw.map(value -> parse(setting, value));
    }

    /** Whether the setting's variable, or its deprecated former one, is set. */
    public boolean isSet(Setting<?> setting) {
        return raw(setting).isPresent();
    }

    /** Every {@code KAFKA_*} variable as a client property. */
    public Properties kafkaProperties() {
        Properties props = new Properties();
        variables.forEach((name, value) -> {
            if (name.startsWith(KAFKA_PREFIX) && name.length() > KAFKA_PREFIX.length() && !value.isBlank()) {
                props.put(toPropertyName(name), value);
            }
        });
        return props;
    }

    /** {@code KAFKA_SASL_JAAS_CONFIG} -> {@code sasl.jaas.config}. */
    public static String toPropertyName(String variable) {
        return variable.substring(KAFKA_PREFIX.length())
                .toLowerCase(Locale.ROOT)
                .replace('_', '.');
    }

    /** Settings and their effective values for the start-up log; secrets masked. */
    public Map<String, String> describe(List<Setting<?>> settings) {
        Map<String, String> out = new TreeMap<>();
        for (Setting<?> setting : settings) {
            Optional<String> value = raw(setting).or(() -> Optional.ofNullable(setting.defaultValue()));
            out.put(setting.env(), value.map(v -> setting.secret() ? "****" : v).orElse("(unset)"));
        }
        kafkaProperties()
                .forEach((k, v) ->
                        out.put(String.valueOf(k), isSecretProperty(String.valueOf(k)) ? "****" : String.valueOf(v)));
        return out;
    }

    /** Fails with every problem at once, so one restart fixes them all. */
    public void validate(List<Setting<?>> settings) {
        List<String> problems = new ArrayList<>();
        for (Setting<?> setting : settings) {
            try {
                optional(setting);
            } catch (ConfigException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("Invalid configuration:\n  " + String.join("\n  ", problems));
        }
    }

    private Optional<String> raw(Setting<?> setting) {
        Optional<String> value = value(setting.env());
        Setting.FormerName former = setting.formerName();
        if (former == null) {
            return value;
        }
        Optional<String> formerValue = value(former.env());
        if (formerValue.isEmpty()) {
            return value;
        }
        if (WARNED.add(former.env())) {
            LOG.warn(
                    value.isPresent()
                            ? "{} is deprecated and ignored: {} is set"
                            : "{} is deprecated: set {} instead (a duration such as 500ms, 30s, 15m, 2h, 7d)",
                    former.env(),
                    setting.env());
        }
        return value.isPresent() ? value : Optional.of(former.translate(formerValue.get()));
    }

    private Optional<String> value(String variable) {
        String value = variables.get(variable);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static <T> T parse(Setting<T> setting, String raw) {
        try {
            return setting.parser().apply(raw);
        } catch (RuntimeException e) {
            if (setting.secret()) {
                throw new ConfigException(setting.env() + " is invalid (value not shown: it is a secret)");
            }
            throw new ConfigException(setting.env() + "='" + raw + "' is invalid: " + e.getMessage());
        }
    }

    private static boolean isSecretProperty(String property) {
        return property.contains("password")
                || property.contains("jaas")
                || property.contains("secret")
                || property.contains("token")
                || property.contains("key");
    }
}
