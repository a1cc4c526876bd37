package dev.tocsin.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintsTest {

    @Test
    void fingerprintIsSha256OfTheSortedLabelsFirst16BytesHex() {
        // expected values computed independently (Python hashlib, same 0xFF-separated encoding), so
        // the hash stays stable across releases and restarts
        assertThat(Fingerprints.ofLabels(Map.of("alertname", "thing_dead", "severity", "critical")))
                .isEqualTo("88a58743fbadbfd9024b68bb826de0e1");
        assertThat(Fingerprints.ofLabels(Map.of())).isEqualTo("e3b0c44298fc1c149afbf4c8996fb924");
    }

    @Test
    void labelOrderDoesNotMatter() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");
        assertThat(Fingerprints.ofLabels(ab))
                .isEqualTo(Fingerprints.ofLabels(ba))
                .isEqualTo("52b23e3c6c43b81f9b191d1fa8d6a3f8");
    }

    @Test
    void labelBoundariesCannotBeConfused() {
        assertThat(Fingerprints.ofLabels(Map.of("ab", "c"))).isNotEqualTo(Fingerprints.ofLabels(Map.of("a", "bc")));
        assertThat(Fingerprints.ofLabels(Map.of("a", "b", "c", "d")))
                .isNotEqualTo(Fingerprints.ofLabels(Map.of("a", "b\u00ffc", "c", "d")));
    }
}
