package dev.tocsin.publisher.web;

import static dev.tocsin.publisher.domain.TestData.T0;
import static dev.tocsin.publisher.domain.TestData.incident;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.avro.Incident;
import dev.tocsin.avro.Severity;
import dev.tocsin.publisher.domain.ComponentCatalog;
import dev.tocsin.publisher.domain.Fixtures;
import dev.tocsin.publisher.domain.Ids;
import dev.tocsin.publisher.domain.Messages;
import dev.tocsin.publisher.domain.PageIndicator;
import dev.tocsin.publisher.domain.PublicState;
import dev.tocsin.publisher.domain.TestData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Component groups in {@code components.json} and {@code summary.json}, Statuspage's way: a group is a
 * component entry with {@code "group": true} and its members' ids, placed right before its members.
 */
class StatuspageJsonGroupsTest {

    private static final StatuspageJson JSON = new StatuspageJson(new StatuspageJson.Page(
            "tocsinpage01", "Tocsin", "https://status.example.com", "Etc/UTC", T0.minus(Duration.ofDays(30))));

    /** chat, meet, mail, with mail and chat in "Messaging" (named against catalog order on purpose). */
    private static final ComponentCatalog GROUPED =
            TestData.CATALOG.withGroups(Map.of("Messaging", List.of("mail", "chat")));

    /** chat in partial outage (changed at +10 min), mail in major outage (+20 min), voice only seen in an incident. */
    private static final List<Incident> INCIDENTS = List.of(
            incident("chat-1")
                    .severity(Severity.SEV2)
                    .updatedAt(T0.plus(Duration.ofMinutes(10)))
                    .build(),
            incident("mail-1")
                    .product("mail")
                    .severity(Severity.SEV1)
                    .updatedAt(T0.plus(Duration.ofMinutes(20)))
                    .build(),
            incident("voice-1").product("voice").severity(Severity.SEV3).build());

    private static PublicState state(ComponentCatalog catalog) {
        return PublicState.of(catalog, INCIDENTS, List.of(), T0.plus(Duration.ofHours(1)), Messages.english());
    }

    private static JsonNode components(ComponentCatalog catalog) {
        return Fixtures.tree(JSON.components(state(catalog))).get("components");
    }

    @Test
    void groupShowsTheWorstStatusOfItsMembers() {
        JsonNode group = components(GROUPED).get(0);

        assertThat(group.get("name").asText()).isEqualTo("Messaging");
        assertThat(group.get("group").asBoolean()).isTrue();
        assertThat(group.get("status").asText()).isEqualTo("major_outage");
    }

    @Test
    void groupEntryListsMemberIdsAndMembersPointBackWithGroupId() {
        JsonNode components = components(GROUPED);
        JsonNode group = components.get(0);
        String groupId = Ids.stable("component-group", "Messaging");

        assertThat(group.get("id").asText()).isEqualTo(groupId).isEqualTo(StatuspageJson.groupId("Messaging"));
        assertThat(group.get("group_id").isNull()).isTrue();
        assertThat(group.get("description").isNull()).isTrue();
        assertThat(texts(group.get("components"))).containsExactly(Ids.component("chat"), Ids.component("mail"));
        assertThat(byName(components, "Chat").get("group_id").asText()).isEqualTo(groupId);
        assertThat(byName(components, "Mail").get("group_id").asText()).isEqualTo(groupId);
        assertThat(byName(components, "Meet").get("group_id").isNull()).isTrue();
        assertThat(byName(components, "Voice").get("group_id").isNull()).isTrue();
        for (JsonNode c : components) {
            if (!c.get("group").asBoolean()) {
                assertThat(c.has("components"))
                        .as("member or ungrouped %s has no components key", c.get("name"))
                        .isFalse();
            }
        }
    }

    @Test
    void groupComesRightBeforeItsMembersAndPositionsCountIt() {
        JsonNode components = components(GROUPED);

        assertThat(components)
                .extracting(c -> c.get("position").asInt() + " " + c.get("name").asText())
                .containsExactly("1 Messaging", "2 Chat", "3 Mail", "4 Meet", "5 Voice");
    }

    @Test
    void groupIsUpdatedWhenItsLatestMemberWas() {
        PublicState state = state(GROUPED);
        JsonNode components = Fixtures.tree(JSON.components(state)).get("components");

        assertThat(components.get(0).get("created_at").asText())
                .isEqualTo(StatuspageJson.time(T0.minus(Duration.ofDays(30))));
        assertThat(components.get(0).get("updated_at").asText())
                .isEqualTo(byName(components, "Mail").get("updated_at").asText())
                .isEqualTo(StatuspageJson.time(T0.plus(Duration.ofMinutes(20))));
    }

    @Test
    void summaryListsTheSameGroupedComponents() {
        PublicState state = state(GROUPED);

        assertThat(Fixtures.tree(JSON.summary(state)).get("components"))
                .isEqualTo(Fixtures.tree(JSON.components(state)).get("components"));
    }

    @Test
    void pageIndicatorIgnoresGroups() {
        // Given the same incidents on a grouped and an ungrouped catalog
        PublicState grouped = state(GROUPED);
        PublicState ungrouped = state(TestData.CATALOG);

        // When
        JsonNode status = Fixtures.tree(JSON.summary(grouped)).get("status");

        // Then the rollup is blended from the four products only, exactly as without groups
        assertThat(grouped.components()).containsOnlyKeys("chat", "meet", "mail", "voice");
        assertThat(status.get("indicator").asText())
                .isEqualTo(PageIndicator.of(grouped.components().values()).indicator())
                .isEqualTo("major");
        assertThat(status)
                .isEqualTo(Fixtures.tree(JSON.summary(ungrouped)).get("status"))
                .isEqualTo(Fixtures.tree(JSON.status(grouped)).get("status"));
    }

    @Test
    void incidentComponentsCarryTheirGroupIdAndListPosition() {
        JsonNode incidents = Fixtures.tree(JSON.incidents(state(GROUPED))).get("incidents");
        JsonNode mailIncident = incidentOn(incidents, Ids.incident("mail-1"));

        assertThat(mailIncident.at("/components/0/group_id").asText()).isEqualTo(StatuspageJson.groupId("Messaging"));
        assertThat(mailIncident.at("/components/0/position").asInt()).isEqualTo(3);
    }

    @Test
    void ungroupedCatalogListsComponentsAsBefore() {
        JsonNode components = components(TestData.CATALOG);

        assertThat(components)
                .extracting(c -> c.get("position").asInt() + " " + c.get("name").asText())
                .containsExactly("1 Chat", "2 Meet", "3 Mail", "4 Voice");
        for (JsonNode c : components) {
            assertThat(c.get("group").asBoolean()).isFalse();
            assertThat(c.get("group_id").isNull()).isTrue();
            assertThat(c.has("components")).isFalse();
        }
    }

    @Test
    void groupEntryHasTheFixtureComponentKeysPlusComponents() {
        JsonNode fixture = Fixtures.statuspage("sp-13").at("/components/0");
        JsonNode components = components(GROUPED);
        JsonNode group = components.get(0);

        Set<String> expected = new TreeSet<>(names(fixture));
        expected.add("components");
        assertThat(names(group)).isEqualTo(expected);
        StatuspageJsonShapeTest.assertSameShape(fixture, group, "components[group]", false);
        assertThat(group.get("components").isArray()).isTrue();
        group.get("components").forEach(id -> assertThat(id.isTextual()).isTrue());
        // a member has exactly the fixture's keys, and its group_id is a string like the fixture's
        StatuspageJsonShapeTest.assertSameShape(fixture, byName(components, "Chat"), "components[member]", true);
        assertThat(byName(components, "Chat").get("group_id").getNodeType())
                .isEqualTo(fixture.get("group_id").getNodeType());
    }

    private static JsonNode byName(JsonNode components, String name) {
        for (JsonNode c : components) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no component " + name);
    }

    private static JsonNode incidentOn(JsonNode incidents, String id) {
        for (JsonNode i : incidents) {
            if (i.get("id").asText().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("no incident " + id);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }
}
