package dev.tocsin.ingest.domain;

import static dev.tocsin.ingest.domain.Fixtures.ctx;
import static dev.tocsin.ingest.domain.Fixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The receivers' promise: for any JSON input, a normalizer returns complete records or throws
 * {@link InvalidPayloadException}, nothing else. Checked on every fixture and on every variant of
 * it in which one node is replaced by a value of another type (or removed); every accepted
 * record must also serialize (Avro rejects, e.g., alert times outside the nanosecond range).
 */
class NeverThrowsAnythingElseTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Replacements for each node: other types, blanks, edge numbers, odd timestamps. */
    private static final List<JsonNode> REPLACEMENTS = List.of(
            NODES.nullNode(),
            NODES.textNode(""),
            NODES.textNode("  "),
            NODES.textNode("x"),
            NODES.numberNode(0),
            NODES.numberNode(-1),
            NODES.numberNode(1.5),
            NODES.numberNode(Double.MAX_VALUE),
            NODES.numberNode(new BigInteger("123456789012345678901234567890")),
            NODES.booleanNode(true),
            NODES.arrayNode(),
            NODES.objectNode(),
            NODES.arrayNode().add("x").add(NODES.objectNode()),
            NODES.objectNode().set("a", NODES.objectNode()),
            NODES.textNode("0001-01-01T00:00:00Z"),
            NODES.textNode("9999-12-31T23:59:59Z"),
            NODES.textNode("1000-01-01T00:00:00+01:00"),
            NODES.textNode("-999999999-01-01T00:00:00Z"));

    private static final AlertNormalizers DEFAULT_ALERTS =
            new AlertNormalizers(NormalizerSettings.defaults(), ProductCatalog.defaults());
    private static final AlertNormalizers FIXTURE_ALERTS =
            new AlertNormalizers(Fixtures.fixtureSettings(), Fixtures.fixtureCatalog());
    private static final ReportNormalizers REPORTS = new ReportNormalizers(
            NormalizerSettings.defaults().withZendeskProductFieldId("27642"), ProductCatalog.defaults());
    /** Knows every fingerprint, so acknowledge and resolve events get as far as they can. */
    private static final KnownAlerts KNOWS_ALL = fingerprint -> Optional.of(FIXTURE_ALERTS
            .pagerduty(Fixtures.fixture("pd-01"), ctx(), KnownAlerts.none())
            .get(0));

    private static final Map<String, Function<JsonNode, List<? extends SpecificRecordBase>>> ALERT_ROUTES =
            new LinkedHashMap<>();
    private static final Map<String, Function<JsonNode, List<? extends SpecificRecordBase>>> REPORT_ROUTES =
            new LinkedHashMap<>();
    private static final Map<String, Function<JsonNode, List<? extends SpecificRecordBase>>> OPERATOR_ROUTES =
            new LinkedHashMap<>();

    static {
        ALERT_ROUTES.put("alertmanager", body -> FIXTURE_ALERTS.alertmanager(body, ctx()));
        ALERT_ROUTES.put("alertmanager/defaults", body -> DEFAULT_ALERTS.alertmanager(body, ctx()));
        ALERT_ROUTES.put("grafana", body -> FIXTURE_ALERTS.grafana(body, ctx()));
        ALERT_ROUTES.put("pagerduty", body -> FIXTURE_ALERTS.pagerduty(body, ctx(), KnownAlerts.none()));
        ALERT_ROUTES.put("pagerduty/known", body -> FIXTURE_ALERTS.pagerduty(body, ctx(), KNOWS_ALL));
        ALERT_ROUTES.put("generic", body -> FIXTURE_ALERTS.generic(body, ctx()));
        REPORT_ROUTES.put("zendesk", body -> REPORTS.zendesk(body, ctx()));
        REPORT_ROUTES.put("reports", body -> REPORTS.generic(body, ctx()));
        OPERATOR_ROUTES.put("command", body -> List.of(OperatorInput.command("chat-1", body, ctx(), null)));
        OPERATOR_ROUTES.put(
                "maintenance",
                body -> List.of(OperatorInput.maintenance("mw-1", body, ctx(), ProductCatalog.defaults())));
        OPERATOR_ROUTES.put(
                "subscription",
                body -> List.of(OperatorInput.subscription("s-1", body, ctx(), ProductCatalog.empty())));
    }

    static Stream<Path> fixtures() {
        return Stream.of("alertmanager", "grafana", "pagerduty", "zendesk", "opsgenie", "datadog", "keep")
                .flatMap(dir -> Fixtures.all(dir).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyFixtureAndEveryOneNodeVariantIsAcceptedOrRejectedCleanly(Path file) throws IOException {
        List<JsonNode> bodies = new ArrayList<>();
        if (file.toString().endsWith(".jsonl")) {
            Files.readAllLines(file).forEach(line -> bodies.add(parse(line)));
        } else {
            bodies.add(Fixtures.parse(file));
        }
        Map<String, Function<JsonNode, List<? extends SpecificRecordBase>>> routes = routesFor(file);
        List<String> failures = new ArrayList<>();
        for (JsonNode body : bodies) {
            check(file + " as is", body, allRoutes(), failures);
            if (bodies.size() == 1) {
                for (JsonNode variant : variants(body)) {
                    check(file + " variant " + variant, variant, routes, failures);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void operatorInputSurvivesEveryOneNodeVariant() {
        List<String> failures = new ArrayList<>();
        List<JsonNode> samples = List.of(
                parse(
                        "{\"type\":\"SET_SEVERITY\",\"actor\":\"a\",\"severity\":2,\"status\":\"identified\",\"message\":\"m\","
                                + "\"targetIncidentId\":\"chat-2\",\"ticketId\":\"1\",\"organizationId\":\"o\",\"reason\":\"r\",\"product\":\"chat\"}"),
                parse("{\"type\":\"MERGE\",\"actor\":\"a\",\"targetIncidentId\":\"chat-2\"}"),
                parse(
                        "{\"products\":[\"chat\",\"talk\"],\"title\":\"t\",\"description\":\"d\",\"reason\":\"r\","
                                + "\"startsAt\":\"2024-06-22T00:00:00Z\",\"endsAt\":\"2024-06-22T04:00:00Z\",\"state\":\"scheduled\"}"),
                parse(
                        "{\"scope\":\"PRODUCT\",\"target\":\"chat\",\"channel\":\"EMAIL\",\"address\":\"a@b.de\",\"locale\":\"ja\"}"),
                parse("{\"scope\":\"ALL\",\"channel\":\"WEBHOOK\",\"address\":\"https://x.example/h\"}"),
                parse(
                        "{\"scope\":\"INCIDENT\",\"target\":\"chat-1\",\"channel\":\"SMS\",\"address\":\"+4930123456\"}"));
        for (JsonNode sample : samples) {
            check("sample " + sample, sample, OPERATOR_ROUTES, failures);
            for (JsonNode variant : variants(sample)) {
                check("variant " + variant, variant, OPERATOR_ROUTES, failures);
            }
        }
        check(
                "cancelled",
                null,
                Map.of("cancelled", body -> List.of(OperatorInput.cancelled(null, " ", ctx()))),
                failures);
        assertThat(failures).isEmpty();
    }

    @Test
    void oddTopLevelBodiesAreRejectedCleanly() {
        List<String> failures = new ArrayList<>();
        List<JsonNode> bodies = new ArrayList<>(REPLACEMENTS);
        bodies.add(null);
        bodies.add(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        bodies.add(parse("[[[]]]"));
        bodies.add(parse("[null, {}, 1]"));
        for (JsonNode body : bodies) {
            check("body " + body, body, allRoutes(), failures);
        }
        assertThat(failures).isEmpty();
    }

    private static void check(
            String what,
            JsonNode body,
            Map<String, Function<JsonNode, List<? extends SpecificRecordBase>>> routes,
            List<String> failures) {
        routes.forEach((route, normalizer) -> {
            try {
                for (SpecificRecordBase record : normalizer.apply(body)) {
                    serialize(record);
                }
            } catch (InvalidPayloadException expected) {
                // the one allowed outcome besides records
            } catch (Throwable unexpected) {
                if (failures.size() < 20) {
                    failures.add(route + ": " + what + " -> " + unexpected);
                }
            }
        });
    }

    /** Writes the record as Avro binary, as the Kafka serializer would. */
    private static void serialize(SpecificRecordBase record) throws IOException {
        SpecificDatumWriter<Object> writer = new SpecificDatumWriter<>(record.getSchema(), record.getSpecificData());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(new ByteArrayOutputStream(), null);
        writer.write(record, encoder);
        encoder.flush();
    }

    private static Map<String, Function<JsonNode, List<? extends SpecificRecordBase>>> allRoutes() {
        Map<String, Function<JsonNode, List<? extends SpecificRecordBase>>> all = new LinkedHashMap<>(ALERT_ROUTES);
        all.putAll(REPORT_ROUTES);
        all.putAll(OPERATOR_ROUTES);
        return all;
    }

    /** The routes a fixture's variants go through: its own source's, plus the generic one. */
    private static Map<String, Function<JsonNode, List<? extends SpecificRecordBase>>> routesFor(Path file) {
        String dir = file.getParent().getFileName().toString();
        Map<String, Function<JsonNode, List<? extends SpecificRecordBase>>> routes = new LinkedHashMap<>();
        switch (dir) {
            case "alertmanager", "grafana" -> {
                routes.put("alertmanager", ALERT_ROUTES.get("alertmanager"));
                routes.put("grafana", ALERT_ROUTES.get("grafana"));
            }
            case "pagerduty" -> {
                routes.put("pagerduty", ALERT_ROUTES.get("pagerduty"));
                routes.put("pagerduty/known", ALERT_ROUTES.get("pagerduty/known"));
            }
            case "zendesk" -> routes.putAll(REPORT_ROUTES);
            default -> {}
        }
        routes.put("generic", ALERT_ROUTES.get("generic"));
        return routes;
    }

    /** Every copy of the body with one node replaced by each replacement, or removed. */
    private static List<JsonNode> variants(JsonNode body) {
        List<JsonNode> variants = new ArrayList<>();
        collect(body, body, "", variants);
        return variants;
    }

    private static void collect(JsonNode root, JsonNode node, String pointer, List<JsonNode> variants) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                addVariants(root, child, variants);
                collect(root, node.get(name), child, variants);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String child = pointer + "/" + i;
                addVariants(root, child, variants);
                collect(root, node.get(i), child, variants);
            }
        }
    }

    private static void addVariants(JsonNode root, String pointer, List<JsonNode> variants) {
        for (JsonNode replacement : REPLACEMENTS) {
            variants.add(replace(root, pointer, replacement));
        }
        variants.add(replace(root, pointer, null));
    }

    private static JsonNode replace(JsonNode root, String pointer, JsonNode replacement) {
        JsonNode copy = root.deepCopy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode object) {
            if (replacement == null) {
                object.remove(last);
            } else {
                object.set(last, replacement.deepCopy());
            }
        } else if (parent instanceof ArrayNode array) {
            int index = Integer.parseInt(last);
            if (replacement == null) {
                array.remove(index);
            } else {
                array.set(index, replacement.deepCopy());
            }
        }
        return copy;
    }

    @Test
    void acceptedRecordsSerialize() {
        // a sanity check of the check: a record with an alert time outside Avro's nanosecond range does not serialize
        var alert =
                FIXTURE_ALERTS.alertmanager(Fixtures.fixture("am-03"), ctx()).get(0);
        alert.setStartsAt(Instant.parse("2300-01-01T00:00:00Z"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> serialize(alert))
                .isInstanceOf(ArithmeticException.class);
    }
}
