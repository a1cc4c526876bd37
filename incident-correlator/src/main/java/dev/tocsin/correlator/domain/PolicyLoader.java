package dev.tocsin.correlator.domain;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.tocsin.avro.CustomerPriority;
import dev.tocsin.avro.Severity;
import dev.tocsin.avro.SeverityHint;
import dev.tocsin.avro.Signal;
import dev.tocsin.schemas.rules.LabelMatcher;
import dev.tocsin.schemas.rules.LabelMatchers;
import dev.tocsin.schemas.rules.ProductNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a policy: the bundled defaults with a file merged over them (objects merge key by key,
 * any other value replaces), then validates the whole tree, collecting every problem before
 * failing so an operator fixes a file in one round.
 */
final class PolicyLoader {

    /** Known keys of every object, so a typo is reported instead of silently ignored. */
    private static final Map<String, Set<String>> KNOWN_KEYS = Map.ofEntries(
            Map.entry(
                    "",
                    Set.of(
                            "correlation",
                            "lifecycle",
                            "triage",
                            "scope",
                            "snapshot",
                            "limits",
                            "customerResponsibility",
                            "triageLanguages",
                            "severity",
                            "sla",
                            "calendar",
                            "inhibit_rules",
                            "dependencies")),
            Map.entry("correlation", Set.of("window", "reopenWindow", "flapWindow")),
            Map.entry("lifecycle", Set.of("quietBeforeMonitoring", "quietBeforeResolved")),
            Map.entry("triage", Set.of("organizations", "window")),
            Map.entry("scope", Set.of("globalOrganizations", "publishGlobalIncidents")),
            Map.entry("snapshot", Set.of("members")),
            Map.entry("limits", Set.of("recentReports", "trackedOrganizations", "resolvedIncidents")),
            Map.entry("severity", Set.of("byHint", "bySignal", "missingHint", "byCustomerPriority", "breadth")),
            Map.entry("severity.breadth", Set.of("regions", "components", "organizations", "raisesAtMostTo")),
            Map.entry("sla", Set.of("targets", "globalUpdateCadence", "rca")),
            Map.entry("sla.rca", Set.of("upToSeverity", "after")),
            Map.entry("calendar", Set.of("zone", "workingDays", "holidays")));

    private static final Set<String> TARGET_KEYS = Set.of("firstResponse", "updateCadence", "restore");

    private static volatile Policy defaults;

    private PolicyLoader() {}

    static Policy defaults() {
        Policy policy = defaults;
        if (policy == null) {
            policy = build(defaultTree(), "defaults (" + Policy.DEFAULT_RESOURCE + ")");
            defaults = policy;
        }
        return policy;
    }

    static Policy load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PolicyException(file.toString(), List.of("cannot be read: " + e.getMessage()));
        }
        boolean json = file.getFileName() != null
                && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
        return parse(text, file.toString(), json);
    }

    static Policy parse(String text, String origin) {
        return parse(text, origin, false);
    }

    private static Policy parse(String text, String origin, boolean json) {
        JsonNode overrides;
        try {
            overrides = (json ? new ObjectMapper() : new YAMLMapper()).readTree(text);
        } catch (JacksonException e) {
            throw new PolicyException(
                    origin, List.of("is not valid " + (json ? "JSON" : "YAML") + ": " + e.getOriginalMessage()));
        }
        ObjectNode merged = defaultTree();
        if (overrides != null && !overrides.isMissingNode() && !overrides.isNull()) {
            if (!overrides.isObject()) {
                throw new PolicyException(origin, List.of("(root): must be an object, was " + overrides.getNodeType()));
            }
            mergeInto(merged, (ObjectNode) overrides);
        }
        return build(merged, origin);
    }

    static Map<String, Map<String, List<String>>> copyTable(Map<String, Map<String, List<String>>> table) {
        Map<String, Map<String, List<String>>> copy = new LinkedHashMap<>();
        table.forEach((area, vocabularies) -> {
            Map<String, List<String>> languages = new LinkedHashMap<>();
            vocabularies.forEach((language, keywords) -> languages.put(language, List.copyOf(keywords)));
            copy.put(area, Collections.unmodifiableMap(languages));
        });
        return Collections.unmodifiableMap(copy);
    }

    private static ObjectNode defaultTree() {
        try (InputStream in = PolicyLoader.class.getResourceAsStream(Policy.DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + Policy.DEFAULT_RESOURCE);
            }
            return (ObjectNode) new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + Policy.DEFAULT_RESOURCE, e);
        }
    }

    private static void mergeInto(ObjectNode target, ObjectNode overrides) {
        Iterator<Map.Entry<String, JsonNode>> fields = overrides.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject
                    && field.getValue() instanceof ObjectNode overrideObject) {
                mergeInto(existingObject, overrideObject);
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    private static Policy build(ObjectNode root, String origin) {
        Reader r = new Reader();
        r.checkKeys(root, "");
        Duration correlationWindow = r.duration(root, "correlation.window");
        Duration reopenWindow = r.duration(root, "correlation.reopenWindow");
        Duration flapWindow = r.duration(root, "correlation.flapWindow");
        Duration quietBeforeMonitoring = r.duration(root, "lifecycle.quietBeforeMonitoring");
        Duration quietBeforeResolved = r.duration(root, "lifecycle.quietBeforeResolved");
        int triageOrganizations = r.integer(root, "triage.organizations", 1, 10_000);
        Duration triageWindow = r.duration(root, "triage.window");
        int globalOrganizations = r.integer(root, "scope.globalOrganizations", 1, 1_000_000);
        boolean publishGlobal = r.bool(root, "scope.publishGlobalIncidents");
        int members = r.integer(root, "snapshot.members", 1, 1_000);
        Policy.Limits limits = new Policy.Limits(
                r.integer(root, "limits.recentReports", 1, 10_000),
                r.integer(root, "limits.trackedOrganizations", 1, 10_000),
                r.integer(root, "limits.resolvedIncidents", 1, 10_000));
        Map<String, TriageLanguage> languages = r.triageLanguages(root);
        Map<String, Map<String, List<String>>> responsibility =
                r.keywordTable(root, "customerResponsibility", languages);
        SeverityTable severity = r.severityTable(root);
        SlaTargets sla = r.slaTargets(root);
        BusinessCalendar calendar = r.calendar(root);
        List<InhibitRule> inhibitRules = r.inhibitRules(root);
        ProductDependencies dependencies = r.dependencies(root);
        if (!r.problems.isEmpty()) {
            throw new PolicyException(origin, r.problems);
        }
        return new Policy(
                correlationWindow,
                reopenWindow,
                flapWindow,
                quietBeforeMonitoring,
                quietBeforeResolved,
                triageOrganizations,
                triageWindow,
                globalOrganizations,
                publishGlobal,
                members,
                limits,
                responsibility,
                languages,
                severity,
                sla,
                calendar,
                inhibitRules,
                dependencies);
    }

    /** Typed access to the merged tree that records a problem instead of throwing. */
    private static final class Reader {

        final List<String> problems = new ArrayList<>();

        void checkKeys(JsonNode node, String path) {
            Set<String> known = KNOWN_KEYS.get(path);
            if (node == null || !node.isObject()) {
                return;
            }
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String childPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (known != null && !known.contains(field.getKey())) {
                    problems.add(childPath + ": unknown field");
                } else if (KNOWN_KEYS.containsKey(childPath)) {
                    if (!field.getValue().isObject()) {
                        problems.add(childPath + ": must be an object");
                    } else {
                        checkKeys(field.getValue(), childPath);
                    }
                }
            }
        }

        JsonNode at(JsonNode root, String path) {
            JsonNode node = root;
            for (String part : path.split("\\.")) {
                node = node == null ? null : node.get(part);
            }
            return node == null || node.isNull() ? null : node;
        }

        Duration duration(JsonNode root, String path) {
            JsonNode node = at(root, path);
            if (node == null) {
                problems.add(path + ": missing");
                return null;
            }
            try {
                Duration value = Duration.parse(node.asText().trim().toUpperCase(Locale.ROOT));
                if (value.isNegative() || value.isZero()) {
                    problems.add(path + ": must be positive, was " + node.asText());
                    return null;
                }
                return value;
            } catch (DateTimeParseException e) {
                problems.add(path + ": '" + node.asText() + "' is not an ISO-8601 duration (e.g. PT15M, P7D)");
                return null;
            }
        }

        int integer(JsonNode root, String path, int min, int max) {
            JsonNode node = at(root, path);
            if (node == null) {
                problems.add(path + ": missing");
                return min;
            }
            if (!node.canConvertToInt()
                    || !(node.isIntegralNumber() || node.asText().matches("-?\\d+"))) {
                problems.add(path + ": must be a whole number, was '" + node.asText() + "'");
                return min;
            }
            int value = node.isIntegralNumber() ? node.intValue() : Integer.parseInt(node.asText());
            if (value < min || value > max) {
                problems.add(path + ": must be between " + min + " and " + max + ", was " + value);
                return min;
            }
            return value;
        }

        boolean bool(JsonNode root, String path) {
            JsonNode node = at(root, path);
            if (node == null || !(node.isBoolean() || "true".equals(node.asText()) || "false".equals(node.asText()))) {
                problems.add(path + ": must be true or false" + (node == null ? "" : ", was '" + node.asText() + "'"));
                return false;
            }
            return node.isBoolean() ? node.booleanValue() : Boolean.parseBoolean(node.asText());
        }

        /** triageLanguages: language -> {matching, allClear, notCustomerSide}. */
        Map<String, TriageLanguage> triageLanguages(JsonNode root) {
            Map<String, TriageLanguage> languages = new LinkedHashMap<>();
            JsonNode node = at(root, "triageLanguages");
            if (node == null || !node.isObject() || node.isEmpty()) {
                problems.add("triageLanguages: must be an object of language -> {matching, allClear, notCustomerSide}");
                return languages;
            }
            node.fields().forEachRemaining(entry -> {
                String path = "triageLanguages." + entry.getKey();
                JsonNode value = entry.getValue();
                if (value == null || !value.isObject()) {
                    problems.add(path + ": must be an object with matching, allClear, notCustomerSide");
                    return;
                }
                value.fieldNames().forEachRemaining(name -> {
                    if (!Set.of("matching", "allClear", "notCustomerSide").contains(name)) {
                        problems.add(path + "." + name + ": unknown field");
                    }
                });
                JsonNode matchingNode = value.get("matching");
                TriageLanguage.Matching matching = matchingNode == null
                        ? missing(path + ".matching", TriageLanguage.Matching.WORDS)
                        : symbol(TriageLanguage.Matching.class, matchingNode.asText(), path + ".matching");
                List<String> allClear = phrases(value.get("allClear"), path + ".allClear", matching);
                List<String> notCustomerSide =
                        phrases(value.get("notCustomerSide"), path + ".notCustomerSide", matching);
                if (matching != null) {
                    languages.put(entry.getKey(), new TriageLanguage(matching, allClear, notCustomerSide));
                }
            });
            return languages;
        }

        private <T> T missing(String path, T fallback) {
            problems.add(path + ": missing");
            return fallback;
        }

        /** A list of keywords or phrases; each non-blank and long enough for its matching. */
        List<String> phrases(JsonNode list, String path, TriageLanguage.Matching matching) {
            List<String> phrases = new ArrayList<>();
            if (list == null || list.isNull()) {
                return phrases;
            }
            if (!list.isArray()) {
                problems.add(path + ": must be a list of keywords");
                return phrases;
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode phrase = list.get(i);
                String text = phrase.isValueNode() ? phrase.asText().trim() : "";
                if (TriageText.normalize(text).isEmpty()) {
                    problems.add(path + "[" + i + "]: a keyword must be a non-blank string");
                } else if (matching == TriageLanguage.Matching.COMPOUNDS
                        && TriageText.normalize(text).length() < CustomerResponsibility.MIN_COMPOUND_KEYWORD) {
                    problems.add(path + "[" + i + "]: '" + text + "' is shorter than "
                            + CustomerResponsibility.MIN_COMPOUND_KEYWORD
                            + " characters, too unspecific to match inside"
                            + " compounds; put it in a language with matching WORDS");
                } else {
                    phrases.add(text);
                }
            }
            return phrases;
        }

        /**
         * customerResponsibility: area -> {language: keywords}; a bare keyword list is the English
         * vocabulary (the format before languages).
         */
        Map<String, Map<String, List<String>>> keywordTable(
                JsonNode root, String path, Map<String, TriageLanguage> languages) {
            Map<String, Map<String, List<String>>> table = new LinkedHashMap<>();
            JsonNode node = at(root, path);
            if (node == null || !node.isObject()) {
                problems.add(path + ": must be an object of area -> {language: keyword list}");
                return table;
            }
            node.fields().forEachRemaining(area -> {
                String areaPath = path + "." + area.getKey();
                if (area.getKey().isBlank()) {
                    problems.add(path + ": an area name must not be blank");
                    return;
                }
                Map<String, List<String>> vocabularies = new LinkedHashMap<>();
                JsonNode value = area.getValue();
                if (value == null || value.isNull()) {
                    table.put(area.getKey(), vocabularies);
                    return;
                }
                if (value.isArray()) {
                    vocabularies.put("en", phrases(value, areaPath, matchingOf(languages, "en", areaPath)));
                } else if (value.isObject()) {
                    value.fields()
                            .forEachRemaining(language -> vocabularies.put(
                                    language.getKey(),
                                    phrases(
                                            language.getValue(),
                                            areaPath + "." + language.getKey(),
                                            matchingOf(
                                                    languages,
                                                    language.getKey(),
                                                    areaPath + "." + language.getKey()))));
                } else {
                    problems.add(areaPath
                            + ": must be an object of language -> keyword list (or a list of English keywords)");
                    return;
                }
                table.put(area.getKey(), vocabularies);
            });
            return table;
        }

        private TriageLanguage.Matching matchingOf(
                Map<String, TriageLanguage> languages, String language, String path) {
            TriageLanguage rules = languages.get(language);
            if (rules == null) {
                problems.add(path + ": language '" + language + "' is not declared in triageLanguages");
                return null;
            }
            return rules.matching();
        }

        Severity severity(JsonNode node, String path) {
            if (node == null) {
                problems.add(path + ": missing");
                return null;
            }
            String text = node.asText().trim().toUpperCase(Locale.ROOT);
            if (text.startsWith("SEV")) {
                text = text.substring(3);
            }
            if (text.matches("[1-4]")) {
                return Severities.of(Integer.parseInt(text));
            }
            problems.add(path + ": must be a severity 1..4, was '" + node.asText() + "'");
            return null;
        }

        <E extends Enum<E>> E symbol(Class<E> type, String text, String path) {
            try {
                return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                problems.add(path + ": unknown " + type.getSimpleName() + " '" + text + "', expected one of "
                        + Arrays.toString(type.getEnumConstants()));
                return null;
            }
        }

        <E extends Enum<E>> Map<E, Severity> severityRow(Class<E> type, JsonNode node, String path) {
            Map<E, Severity> row = new EnumMap<>(type);
            if (node == null || !node.isObject()) {
                problems.add(path + ": must be an object of " + type.getSimpleName() + " -> severity");
                return row;
            }
            node.fields().forEachRemaining(entry -> {
                E key = symbol(type, entry.getKey(), path + "." + entry.getKey());
                Severity severity = severity(entry.getValue(), path + "." + entry.getKey());
                if (key != null && severity != null) {
                    row.put(key, severity);
                }
            });
            return row;
        }

        SeverityTable severityTable(JsonNode root) {
            Map<SeverityHint, Severity> byHint =
                    severityRow(SeverityHint.class, at(root, "severity.byHint"), "severity.byHint");
            for (SeverityHint hint : SeverityHint.values()) {
                if (!byHint.containsKey(hint)) {
                    problems.add("severity.byHint: lacks " + hint);
                }
            }
            Map<Signal, Map<SeverityHint, Severity>> bySignal = new EnumMap<>(Signal.class);
            JsonNode signals = at(root, "severity.bySignal");
            if (signals != null) {
                if (!signals.isObject()) {
                    problems.add("severity.bySignal: must be an object of signal -> (hint -> severity)");
                } else {
                    signals.fields().forEachRemaining(entry -> {
                        String path = "severity.bySignal." + entry.getKey();
                        Signal signal = symbol(Signal.class, entry.getKey(), path);
                        Map<SeverityHint, Severity> row = severityRow(SeverityHint.class, entry.getValue(), path);
                        if (signal != null) {
                            bySignal.put(signal, row);
                        }
                    });
                }
            }
            JsonNode missingNode = at(root, "severity.missingHint");
            SeverityHint missing = missingNode == null
                    ? null
                    : symbol(SeverityHint.class, missingNode.asText(), "severity.missingHint");
            if (missingNode == null) {
                problems.add("severity.missingHint: missing");
            }
            Map<CustomerPriority, Severity> byPriority = severityRow(
                    CustomerPriority.class, at(root, "severity.byCustomerPriority"), "severity.byCustomerPriority");
            for (CustomerPriority priority : CustomerPriority.values()) {
                if (!byPriority.containsKey(priority)) {
                    problems.add("severity.byCustomerPriority: lacks " + priority);
                }
            }
            int regions = integer(root, "severity.breadth.regions", 1, 10_000);
            int components = integer(root, "severity.breadth.components", 1, 10_000);
            int organizations = integer(root, "severity.breadth.organizations", 1, 1_000_000);
            Severity cap = severity(at(root, "severity.breadth.raisesAtMostTo"), "severity.breadth.raisesAtMostTo");
            if (!problems.isEmpty()) {
                return null;
            }
            return new SeverityTable(byHint, bySignal, missing, byPriority, regions, components, organizations, cap);
        }

        SlaTarget target(JsonNode node, String path, boolean optional) {
            if (node == null
                    || (optional && "none".equalsIgnoreCase(node.asText().trim()))) {
                if (!optional) {
                    problems.add(path + ": missing");
                }
                return null;
            }
            try {
                return SlaTarget.parse(node.asText());
            } catch (IllegalArgumentException e) {
                problems.add(path + ": " + e.getMessage());
                return null;
            }
        }

        SlaTargets slaTargets(JsonNode root) {
            Map<Severity, SlaTargets.Targets> bySeverity = new EnumMap<>(Severity.class);
            JsonNode targets = at(root, "sla.targets");
            if (targets == null || !targets.isObject()) {
                problems.add("sla.targets: must be an object of severity -> targets");
            } else {
                targets.fields().forEachRemaining(entry -> {
                    String path = "sla.targets." + entry.getKey();
                    Severity severity = severity(new TextNode(entry.getKey()), path);
                    JsonNode value = entry.getValue();
                    if (value == null || !value.isObject()) {
                        problems.add(path + ": must be an object with firstResponse, updateCadence, restore");
                        return;
                    }
                    value.fieldNames().forEachRemaining(name -> {
                        if (!TARGET_KEYS.contains(name)) {
                            problems.add(path + "." + name + ": unknown field");
                        }
                    });
                    SlaTarget first = target(value.get("firstResponse"), path + ".firstResponse", false);
                    SlaTarget cadence = target(value.get("updateCadence"), path + ".updateCadence", false);
                    SlaTarget restore = target(value.get("restore"), path + ".restore", true);
                    if (severity != null && first != null && cadence != null) {
                        bySeverity.put(severity, new SlaTargets.Targets(first, cadence, restore));
                    }
                });
                for (Severity severity : Severity.values()) {
                    if (!bySeverity.containsKey(severity)
                            && targets.get(String.valueOf(Severities.number(severity))) == null) {
                        problems.add("sla.targets: lacks severity " + Severities.number(severity));
                    }
                }
            }
            SlaTarget global = target(at(root, "sla.globalUpdateCadence"), "sla.globalUpdateCadence", false);
            Severity rcaUpTo = severity(at(root, "sla.rca.upToSeverity"), "sla.rca.upToSeverity");
            SlaTarget rcaAfter = target(at(root, "sla.rca.after"), "sla.rca.after", false);
            if (bySeverity.size() != Severity.values().length
                    || global == null
                    || rcaUpTo == null
                    || rcaAfter == null) {
                return null;
            }
            return new SlaTargets(bySeverity, global, rcaUpTo, rcaAfter);
        }

        BusinessCalendar calendar(JsonNode root) {
            ZoneId zone = null;
            JsonNode zoneNode = at(root, "calendar.zone");
            if (zoneNode == null) {
                problems.add("calendar.zone: missing");
            } else {
                try {
                    zone = ZoneId.of(zoneNode.asText().trim());
                } catch (DateTimeException e) {
                    problems.add("calendar.zone: unknown time zone '" + zoneNode.asText() + "'");
                }
            }
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            JsonNode daysNode = at(root, "calendar.workingDays");
            if (daysNode == null || !daysNode.isArray() || daysNode.isEmpty()) {
                problems.add("calendar.workingDays: must list at least one day, e.g. [MONDAY, TUESDAY]");
            } else {
                for (int i = 0; i < daysNode.size(); i++) {
                    DayOfWeek day = dayOfWeek(daysNode.get(i).asText());
                    if (day == null) {
                        problems.add("calendar.workingDays[" + i + "]: unknown day '"
                                + daysNode.get(i).asText() + "'");
                    } else {
                        days.add(day);
                    }
                }
            }
            TreeSet<LocalDate> holidays = new TreeSet<>();
            JsonNode holidaysNode = at(root, "calendar.holidays");
            if (holidaysNode != null) {
                if (!holidaysNode.isArray()) {
                    problems.add("calendar.holidays: must be a list of dates (YYYY-MM-DD)");
                } else {
                    for (int i = 0; i < holidaysNode.size(); i++) {
                        try {
                            holidays.add(
                                    LocalDate.parse(holidaysNode.get(i).asText().trim()));
                        } catch (DateTimeParseException e) {
                            problems.add("calendar.holidays[" + i + "]: '"
                                    + holidaysNode.get(i).asText() + "' is not a date (YYYY-MM-DD)");
                        }
                    }
                }
            }
            if (zone == null || days.isEmpty()) {
                return null;
            }
            return new BusinessCalendar(zone, days, holidays);
        }

        private static final Set<String> INHIBIT_KEYS = Set.of("source_matchers", "target_matchers", "equal");

        /** inhibit_rules: [{source_matchers: [...], target_matchers: [...], equal: [...]}], Alertmanager's shape. */
        List<InhibitRule> inhibitRules(JsonNode root) {
            List<InhibitRule> rules = new ArrayList<>();
            JsonNode node = at(root, "inhibit_rules");
            if (node == null) {
                return rules;
            }
            if (!node.isArray()) {
                problems.add("inhibit_rules: must be a list of {source_matchers, target_matchers, equal}");
                return rules;
            }
            for (int i = 0; i < node.size(); i++) {
                String path = "inhibit_rules[" + i + "]";
                JsonNode rule = node.get(i);
                if (rule == null || !rule.isObject()) {
                    problems.add(path + ": must be an object with source_matchers, target_matchers, equal");
                    continue;
                }
                rule.fieldNames().forEachRemaining(name -> {
                    if (!INHIBIT_KEYS.contains(name)) {
                        problems.add(path + "." + name + ": unknown field (Alertmanager's source_match/target_match"
                                + " are not supported, write source_matchers/target_matchers)");
                    }
                });
                int before = problems.size();
                List<LabelMatcher> source = matchers(rule.get("source_matchers"), path + ".source_matchers");
                List<LabelMatcher> target = matchers(rule.get("target_matchers"), path + ".target_matchers");
                List<String> equal = new ArrayList<>();
                JsonNode equalNode = rule.get("equal");
                if (equalNode != null && !equalNode.isNull()) {
                    if (!equalNode.isArray()) {
                        problems.add(path + ".equal: must be a list of label names");
                    } else {
                        for (int j = 0; j < equalNode.size(); j++) {
                            String label = equalNode.get(j).isTextual()
                                    ? equalNode.get(j).asText().trim()
                                    : "";
                            if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                                problems.add(path + ".equal[" + j + "]: '"
                                        + equalNode.get(j).asText() + "' is not a label name");
                            } else {
                                equal.add(label);
                            }
                        }
                    }
                }
                if (problems.size() == before) {
                    rules.add(new InhibitRule(source, target, equal));
                }
            }
            return rules;
        }

        /** A non-empty list of matcher strings in Alertmanager's syntax; one string may hold several, comma-separated. */
        private List<LabelMatcher> matchers(JsonNode list, String path) {
            List<LabelMatcher> matchers = new ArrayList<>();
            if (list == null || !list.isArray() || list.isEmpty()) {
                problems.add(path + ": must be a non-empty list of matchers, e.g. ['alertname=\"NodeDown\"']");
                return matchers;
            }
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isTextual()) {
                    problems.add(path + "[" + i + "]: must be a matcher string such as 'severity=\"critical\"'");
                    continue;
                }
                try {
                    matchers.addAll(LabelMatchers.parseList(list.get(i).asText()));
                } catch (IllegalArgumentException e) {
                    problems.add(path + "[" + i + "]: " + e.getMessage());
                }
            }
            return matchers;
        }

        /** dependencies: {dependant: [upstream, ...]}, product names in their safe shape, without cycles. */
        ProductDependencies dependencies(JsonNode root) {
            JsonNode node = at(root, "dependencies");
            if (node == null) {
                return ProductDependencies.none();
            }
            if (!node.isObject()) {
                problems.add(
                        "dependencies: must be an object of product -> list of products it depends on, e.g. {voice: [sip-trunk]}");
                return ProductDependencies.none();
            }
            Map<String, List<String>> graph = new LinkedHashMap<>();
            int before = problems.size();
            node.fields().forEachRemaining(entry -> {
                String path = "dependencies." + entry.getKey();
                if (!ProductNames.isSafe(entry.getKey())) {
                    problems.add(path + ": '" + entry.getKey() + "' is not a product name (lower case, e.g. '"
                            + ProductNames.normalize(entry.getKey()) + "')");
                }
                JsonNode list = entry.getValue();
                if (list == null || !list.isArray()) {
                    problems.add(path + ": must be a list of products, e.g. [sip-trunk]");
                    return;
                }
                List<String> upstreams = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    String upstream = list.get(i).asText().trim();
                    if (!list.get(i).isTextual() || !ProductNames.isSafe(upstream)) {
                        problems.add(path + "[" + i + "]: '" + list.get(i).asText() + "' is not a product name");
                    } else if (upstream.equals(entry.getKey())) {
                        problems.add(path + "[" + i + "]: a product cannot depend on itself");
                    } else if (!upstreams.contains(upstream)) {
                        upstreams.add(upstream);
                    }
                }
                if (!upstreams.isEmpty()) {
                    graph.put(entry.getKey(), upstreams);
                }
            });
            if (problems.size() > before) {
                return ProductDependencies.none();
            }
            try {
                return ProductDependencies.of(graph);
            } catch (IllegalArgumentException e) {
                problems.add(
                        "dependencies: " + e.getMessage() + " (a product cannot depend on itself, even indirectly)");
                return ProductDependencies.none();
            }
        }

        private static DayOfWeek dayOfWeek(String text) {
            String value = text.trim().toUpperCase(Locale.ROOT);
            for (DayOfWeek day : DayOfWeek.values()) {
                if (day.name().equals(value)
                        || (value.length() == 3 && day.name().startsWith(value))) {
                    return day;
                }
            }
            return null;
        }
    }
}
