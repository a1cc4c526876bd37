package dev.tocsin.publisher.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.avro.Incident;
import dev.tocsin.avro.PublicStatus;
import dev.tocsin.avro.Scope;
import dev.tocsin.avro.Severity;
import dev.tocsin.publisher.domain.ComponentCatalog;
import dev.tocsin.publisher.domain.PublicState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RenderedPagesTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private final RenderedPages pages = new RenderedPages(ComponentCatalog.of(Map.of("chat", "Chat")), CREATED);
    private final AtomicInteger renders = new AtomicInteger();
    private final Function<PublicState, String> render = state -> {
        renders.incrementAndGet();
        return state.components() + " " + state.messages().language();
    };

    @Test
    void eachRouteAndLanguageIsRenderedOncePerPageChange() {
        PageFeed.Inputs page = new PageFeed.Inputs(List.of(incident(1, PublicStatus.INVESTIGATING)), List.of());

        RenderedPages.Rendered first = pages.get(page, "/", "en", "text/html", render);
        RenderedPages.Rendered again = pages.get(page, "/", "en", "text/html", render);
        pages.get(page, "/", "de", "text/html", render);
        pages.get(page, "/summary.json", "en", "application/json", render);

        assertThat(again).isSameAs(first);
        assertThat(renders).hasValue(3);
        assertThat(first.etag()).matches("\"[0-9a-f]{32}\"");
        assertThat(first.lastModified()).isEqualTo(Instant.parse("2026-03-20T10:00:00Z"));
    }

    @Test
    void aChangedPageIsRenderedAgainWithANewEtagAndUnchangedBytesKeepTheirEtag() {
        PageFeed.Inputs open = new PageFeed.Inputs(List.of(incident(1, PublicStatus.INVESTIGATING)), List.of());
        PageFeed.Inputs resolved = new PageFeed.Inputs(List.of(incident(2, PublicStatus.RESOLVED)), List.of());
        PageFeed.Inputs openAgain = new PageFeed.Inputs(List.of(incident(1, PublicStatus.INVESTIGATING)), List.of());

        RenderedPages.Rendered before = pages.get(open, "/", "en", "text/html", render);
        RenderedPages.Rendered after = pages.get(resolved, "/", "en", "text/html", render);
        RenderedPages.Rendered same = pages.get(openAgain, "/", "en", "text/html", render);

        assertThat(renders).hasValue(3);
        assertThat(new String(after.body(), StandardCharsets.UTF_8))
                .isNotEqualTo(new String(before.body(), StandardCharsets.UTF_8));
        assertThat(after.etag()).isNotEqualTo(before.etag());
        assertThat(same.etag()).isEqualTo(before.etag());
    }

    @Test
    void largeBodiesAreGzippedOnceWithTheirOwnEtag() throws Exception {
        PageFeed.Inputs page = new PageFeed.Inputs(List.of(incident(1, PublicStatus.INVESTIGATING)), List.of());

        RenderedPages.Rendered large = pages.get(page, "/", "en", "text/html", state -> "x".repeat(5000));
        RenderedPages.Rendered small = pages.get(page, "/status.json", "en", "application/json", state -> "{}");

        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(large.gzipped()))) {
            assertThat(in.readAllBytes()).isEqualTo(large.body());
        }
        assertThat(large.gzippedEtag()).isNotEqualTo(large.etag()).endsWith("-gzip\"");
        assertThat(small.gzipped()).isNull();
    }

    @Test
    void gzipIsSentOnlyWhenAcceptEncodingAllowsIt() {
        assertThat(StatusApi.acceptsGzip("gzip, deflate, br")).isTrue();
        assertThat(StatusApi.acceptsGzip("br;q=1.0, *;q=0.5")).isTrue();
        assertThat(StatusApi.acceptsGzip("gzip;q=0, br")).isFalse();
        assertThat(StatusApi.acceptsGzip("identity")).isFalse();
        assertThat(StatusApi.acceptsGzip(null)).isFalse();
    }

    private static Incident incident(long version, PublicStatus status) {
        Instant at = Instant.parse("2026-03-20T10:00:00Z");
        return Incident.newBuilder()
                .setIncidentId("chat-1")
                .setProduct("chat")
                .setTitle("")
                .setSeverity(Severity.SEV1)
                .setScope(Scope.PLATFORM)
                .setStatus(status)
                .setCustomerReported(false)
                .setPublished(true)
                .setAcknowledged(false)
                .setOpenedAt(at)
                .setUpdatedAt(at)
                .setResolvedAt(status == PublicStatus.RESOLVED ? at : null)
                .setVersion(version)
                .build();
    }
}
