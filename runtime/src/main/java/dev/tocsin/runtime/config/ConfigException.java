package dev.tocsin.runtime.config;

/** Configuration that cannot be used; the message names the variable and what is wrong. */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
