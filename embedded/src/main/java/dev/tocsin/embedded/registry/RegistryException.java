package dev.tocsin.embedded.registry;

import java.util.List;

/**
 * A failed registry request, carrying the HTTP status and the Confluent error code and message
 * that clients (Confluent's own included) look at. The factories use Confluent's wording.
 */
final class RegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final int errorCode;

    RegistryException(int status, int errorCode, String message) {
        this(status, errorCode, message, null);
    }

    RegistryException(int status, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    int status() {
        return status;
    }

    int errorCode() {
        return errorCode;
    }

    static RegistryException unauthorized() {
        return new RegistryException(401, 40101, "Unauthorized");
    }

    static RegistryException subjectNotFound(String subject) {
        return new RegistryException(404, 40401, "Subject '" + subject + "' not found.");
    }

    static RegistryException versionNotFound(int version) {
        return new RegistryException(404, 40402, "Version " + version + " not found.");
    }

    static RegistryException schemaNotFound() {
        return new RegistryException(404, 40403, "Schema not found");
    }

    static RegistryException schemaIdNotFound(String id) {
        return new RegistryException(404, 40403, "Schema " + id + " not found");
    }

    static RegistryException subjectSoftDeleted(String subject) {
        return new RegistryException(
                404, 40404, "Subject '" + subject + "' was soft deleted.Set permanent=true to delete permanently");
    }

    static RegistryException subjectNotSoftDeleted(String subject) {
        return new RegistryException(
                404, 40405, "Subject '" + subject + "' was not deleted first before being permanently deleted");
    }

    static RegistryException versionSoftDeleted(String subject, int version) {
        return new RegistryException(
                404,
                40406,
                "Subject '" + subject + "' Version " + version
                        + " was soft deleted.Set permanent=true to delete permanently");
    }

    static RegistryException versionNotSoftDeleted(String subject, int version) {
        return new RegistryException(
                404,
                40407,
                "Subject '" + subject + "' Version " + version
                        + " was not deleted first before being permanently deleted");
    }

    static RegistryException subjectLevelNotConfigured(String subject) {
        return new RegistryException(
                404, 40408, "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    static RegistryException incompatible(String subject, List<String> messages) {
        return new RegistryException(
                409,
                409,
                "Schema being registered is incompatible with an earlier schema" + " for subject \"" + subject
                        + "\", details: " + messages);
    }

    static RegistryException invalidSchema(String details) {
        return new RegistryException(422, 42201, "Invalid schema: " + details);
    }

    static RegistryException invalidVersion(String version) {
        return new RegistryException(
                422,
                42202,
                "The specified version '" + version + "' is not a valid"
                        + " version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryException invalidCompatibilityLevel() {
        return new RegistryException(
                422,
                42203,
                "Invalid compatibility level. Valid values are none,"
                        + " backward, forward, full, backward_transitive, forward_transitive, and full_transitive");
    }

    static RegistryException invalidJson(String details) {
        return new RegistryException(422, 422, "Unrecognized field or invalid JSON: " + details);
    }

    static RegistryException storeError(String what, Throwable cause) {
        return new RegistryException(500, 50001, "Error in the backend data store - " + what, cause);
    }

    static RegistryException storeTimeout(String what, Throwable cause) {
        return new RegistryException(500, 50002, "Operation timed out - " + what, cause);
    }
}
