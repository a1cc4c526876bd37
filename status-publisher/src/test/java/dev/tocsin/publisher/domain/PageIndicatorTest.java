package dev.tocsin.publisher.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tocsin.avro.ComponentStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PageIndicatorTest {

    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @CsvSource(
            delimiter = ';',
            value = {
                "OPERATIONAL OPERATIONAL; none; All Systems Operational",
                "OPERATIONAL DEGRADED_PERFORMANCE; minor; Partially Degraded Service",
                "OPERATIONAL PARTIAL_OUTAGE; minor; Minor Service Outage",
                "DEGRADED_PERFORMANCE PARTIAL_OUTAGE; minor; Minor Service Outage",
                "PARTIAL_OUTAGE MAJOR_OUTAGE; major; Partial System Outage",
                "OPERATIONAL MAJOR_OUTAGE; major; Partial System Outage",
                "MAJOR_OUTAGE MAJOR_OUTAGE; critical; Major System Outage",
                "OPERATIONAL UNDER_MAINTENANCE; maintenance; Service Under Maintenance",
                "UNDER_MAINTENANCE DEGRADED_PERFORMANCE; minor; Partially Degraded Service",
            })
    void indicatorIsBlendedFromComponentStatuses(String statuses, String indicator, String description) {
        List<ComponentStatus> list = new ArrayList<>();
        for (String s : statuses.split(" ")) {
            list.add(ComponentStatus.valueOf(s));
        }

        PageIndicator result = PageIndicator.of(list);

        assertThat(result.indicator()).isEqualTo(indicator);
        assertThat(result.description(Messages.english())).isEqualTo(description);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sp-03", "sp-13"})
    void indicatorMatchesStatuspageFixture(String fixture) {
        JsonNode summary = Fixtures.statuspage(fixture);
        List<ComponentStatus> statuses = new ArrayList<>();
        summary.get("components")
                .forEach(c -> statuses.add(
                        ComponentStatus.valueOf(c.get("status").asText().toUpperCase(Locale.ROOT))));

        PageIndicator result = PageIndicator.of(statuses);

        assertThat(result.indicator()).isEqualTo(summary.at("/status/indicator").asText());
        assertThat(result.description(Messages.english()))
                .isEqualTo(summary.at("/status/description").asText());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sp-04", "sp-14"})
    void statusJsonFixturesUseTheSameVocabulary(String fixture) {
        JsonNode status = Fixtures.statuspage(fixture).get("status");
        PageIndicator match = null;
        for (PageIndicator p : PageIndicator.values()) {
            if (p.indicator().equals(status.get("indicator").asText())
                    && p.description(Messages.english())
                            .equals(status.get("description").asText())) {
                match = p;
            }
        }
        assertThat(match).as("an indicator with %s", status).isNotNull();
    }
}
