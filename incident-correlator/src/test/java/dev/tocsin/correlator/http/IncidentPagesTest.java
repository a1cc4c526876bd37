package dev.tocsin.correlator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IncidentPagesTest {

    private static IncidentPages.Slice slice(String position, String... ids) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (String id : ids) {
            items.add(Map.of("id", id));
        }
        return new IncidentPages.Slice(items, position);
    }

    private static List<Object> ids(IncidentPages.Page page) {
        return page.items().stream().map(item -> item.get("id")).toList();
    }

    @Test
    void slicesOfSeveralSourcesMergeInIdOrderAndTheNextCursorIsWhereThePageEnds() {
        IncidentPages.Page page = IncidentPages.merge(
                List.of(slice(null, "chat-00000001", "chat-00000003"), slice(null, "mail-00000001", "api-00000001")),
                3);

        assertThat(ids(page)).containsExactly("api-00000001", "chat-00000001", "chat-00000003");
        assertThat(page.next()).isEqualTo("chat-00000003");
    }

    @Test
    void aPageNeverGoesPastWhereTheSlowestSourceStoppedSoNothingIsSkipped() {
        // the first source stopped (full, or out of scan budget) at chat-2; the second may hold ids before mail-1 it
        // has not given
        IncidentPages.Page page = IncidentPages.merge(
                List.of(
                        slice("chat-00000002", "chat-00000001", "chat-00000002"),
                        slice(null, "api-00000001", "mail-00000001")),
                10);

        assertThat(ids(page)).containsExactly("api-00000001", "chat-00000001", "chat-00000002");
        assertThat(page.next()).isEqualTo("chat-00000002");
    }

    @Test
    void theListEndsWhenEverySourceLookedToItsEnd() {
        IncidentPages.Page page = IncidentPages.merge(List.of(slice(null, "chat-00000001"), slice(null)), 10);

        assertThat(ids(page)).containsExactly("chat-00000001");
        assertThat(page.next()).isNull();
    }

    @Test
    void aCursorEncodesItsPositionOpaquelyAndAForeignCursorIsRejected() {
        String cursor = IncidentPages.cursor("chat-00000003");

        assertThat(cursor).doesNotContain("chat").matches("[A-Za-z0-9_-]+");
        assertThat(IncidentPages.position(cursor)).contains("chat-00000003");
        assertThat(IncidentPages.position("chat-00000003")).isEmpty();
        assertThat(IncidentPages.position("%%%")).isEmpty();
        assertThat(IncidentPages.position("")).isEmpty();
    }
}
