package ai.kubiya.secretaudit.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** A manifest's bytes are the canonical JSON an auditor recomputes with {@code jq -cS .}, and read back as written. */
class ManifestTests {

    static final String SHA_A = "a".repeat(64);
    static final String SHA_B = "b".repeat(64);

    @Test
    void theBytesAreSortedKeysWithoutSpacesAndOneNewline() {
        Manifest manifest = new Manifest(7, Instant.parse("2026-11-30T02:00:00Z"), false,
                new Manifest.Workbook("audit-2026-11-30-run7.xlsx", 20201, SHA_A),
                new Manifest.Previous(6, "2026-11-29/audit-2026-11-29-run6.manifest.json", SHA_B));

        assertThat(new String(manifest.bytes(), StandardCharsets.UTF_8)).isEqualTo("{\"asOf\":\"2026-11-30T02:00:00Z\","
                + "\"dryRun\":false,\"format\":\"secret-rotation-audit/manifest/1\",\"previous\":{\"file\":"
                + "\"2026-11-29/audit-2026-11-29-run6.manifest.json\",\"run\":6,\"sha256\":\"" + SHA_B + "\"},"
                + "\"run\":7,\"workbook\":{\"file\":\"audit-2026-11-30-run7.xlsx\",\"sha256\":\"" + SHA_A + "\","
                + "\"size\":20201}}\n");
    }

    @Test
    void theFirstOfTheChainPointsBackToNull() {
        Manifest first = new Manifest(1, Instant.parse("2026-11-30T00:00:00Z"), true,
                new Manifest.Workbook("audit-2026-11-30-run1-dry-run.xlsx", 1, SHA_A), null);

        assertThat(new String(first.bytes(), StandardCharsets.UTF_8)).contains("\"dryRun\":true,")
                .contains("\"previous\":null,");
    }

    @Test
    void bytesThatAreNoManifestAreRefusedWithoutQuotingThem() {
        assertThatIllegalArgumentException().isThrownBy(() -> Manifest.parse("{\"secret\":\"hunter2\"}".getBytes(
                StandardCharsets.UTF_8))).withMessage("not a manifest of format secret-rotation-audit/manifest/1");
        assertThatIllegalArgumentException().isThrownBy(() -> Manifest.parse("hunter2".getBytes(StandardCharsets.UTF_8)))
                .withMessageNotContaining("hunter2");
    }

    @Property(tries = 200)
    void everyManifestReadsBackAsWrittenByteForByte(@ForAll("manifests") Manifest manifest) {
        Manifest read = Manifest.parse(manifest.bytes());

        assertThat(read).isEqualTo(manifest);
        assertThat(read.bytes()).isEqualTo(manifest.bytes());
    }

    @Provide
    Arbitrary<Manifest> manifests() {
        Arbitrary<String> sha = Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
        Arbitrary<Manifest.Previous> previous = Combinators.combine(Arbitraries.longs().between(1, Long.MAX_VALUE),
                Arbitraries.strings().alpha().numeric().withChars("-./").ofMinLength(1).ofMaxLength(60), sha)
                .as(Manifest.Previous::new).injectNull(0.2);
        Arbitrary<Manifest.Workbook> workbook = Combinators.combine(
                Arbitraries.strings().alpha().numeric().withChars("-.").ofMinLength(1).ofMaxLength(60),
                Arbitraries.longs().between(0, 1L << 40), sha).as(Manifest.Workbook::new);
        Arbitrary<Instant> asOf = Arbitraries.longs().between(0, 253402300799L).map(Instant::ofEpochSecond);
        return Combinators.combine(Arbitraries.longs().between(1, Long.MAX_VALUE), asOf, Arbitraries.of(true, false),
                workbook, previous).as(Manifest::new);
    }
}
