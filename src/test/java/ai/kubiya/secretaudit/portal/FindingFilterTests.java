package ai.kubiya.secretaudit.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The findings page's filters: what they accept, and that a refusal never quotes what was sent. */
class FindingFilterTests {

    @Test
    void blankFiltersMeanAnyAndEnumerationsIgnoreLetterCase() {
        FindingFilter filter = FindingFilter.of(Map.of("status", "overdue", "rule", " rotation ", "type", "  ",
                "owner", " Alice@Acme.example "));

        assertThat(filter.status()).isEqualTo("OVERDUE");
        assertThat(filter.rule()).isEqualTo("ROTATION");
        assertThat(filter.type()).isNull();
        assertThat(filter.owner()).isEqualTo("Alice@Acme.example");
        assertThat(filter.parameters()).containsOnlyKeys("status", "rule", "owner");
    }

    @Test
    void theCursorComesWholeOrNotAtAll() {
        assertThatThrownBy(() -> FindingFilter.of(Map.of("afterSecret", "db-password")))
                .isInstanceOf(FindingFilter.BadFilterException.class).hasMessageContaining("go together");
        assertThat(FindingFilter.of(Map.of("afterSecret", "db-password", "afterRule", "METADATA")).afterRule())
                .isEqualTo("METADATA");
    }

    /** Stripped, "db " would point before itself, and Next would show the same page again and again. */
    @Test
    void theCursorIsTheSecretsNameAsStoredSpacesIncluded() {
        assertThat(FindingFilter.of(Map.of("afterSecret", " db ", "afterRule", "ROTATION")).afterSecret())
                .isEqualTo(" db ");
    }

    @Test
    void aTextFilterLongerThanAnyNameIsRefused() {
        assertThatThrownBy(() -> FindingFilter.of(Map.of("scope", "s".repeat(513))))
                .hasMessage("filter scope is longer than 512 characters");
    }

    @Property
    void aValueNoEnumerationTakesIsRefusedWithoutBeingQuoted(@ForAll @StringLength(min = 1, max = 40) String typed,
                                                            @ForAll("enumerated") String filter) {
        String value = "q" + typed; // no status, rule, severity or lifecycle starts with Q
        assertThatThrownBy(() -> FindingFilter.of(Map.of(filter, value)))
                .isInstanceOf(FindingFilter.BadFilterException.class)
                .hasMessageStartingWith("filter " + filter + " takes one of ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(value.strip()));
    }

    @Provide
    Arbitrary<String> enumerated() {
        return Arbitraries.of("status", "rule", "severity", "lifecycle");
    }
}
