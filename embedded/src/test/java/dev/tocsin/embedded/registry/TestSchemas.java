package dev.tocsin.embedded.registry;

/** Avro schemas the registry tests evolve, named after what each step does. */
final class TestSchemas {

    static final String USER_V1 =
            "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"t\",\"fields\":[{\"name\":\"name\",\"type\":\"string\"}]}";
    /** USER_V1 with other whitespace and key order: the same schema. */
    static final String USER_V1_PRETTY = "{\n  \"name\": \"User\", \"type\": \"record\", \"namespace\": \"t\",\n"
            + "  \"fields\": [\n    {\"type\": \"string\", \"name\": \"name\"}\n  ]\n}";
    /** Adds a field with a default: backward (and forward) compatible. */
    static final String USER_V2_AGE_WITH_DEFAULT = "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"t\","
            + "\"fields\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"age\",\"type\":\"int\",\"default\":0}]}";
    /** Adds a field without a default: not backward compatible. */
    static final String USER_V2_EMAIL_REQUIRED = "{\"type\":\"record\",\"name\":\"User\",\"namespace\":\"t\","
            + "\"fields\":[{\"name\":\"name\",\"type\":\"string\"},{\"name\":\"email\",\"type\":\"string\"}]}";

    // F_INT -> F_NONE -> F_STRING: each step backward compatible with the one before, the last
    // not with the first (string cannot read int).
    static final String F_INT = "{\"type\":\"record\",\"name\":\"F\",\"fields\":[{\"name\":\"f\",\"type\":\"int\"}]}";
    static final String F_NONE = "{\"type\":\"record\",\"name\":\"F\",\"fields\":[]}";
    static final String F_STRING =
            "{\"type\":\"record\",\"name\":\"F\",\"fields\":[{\"name\":\"f\",\"type\":\"string\",\"default\":\"\"}]}";

    private TestSchemas() {}
}
