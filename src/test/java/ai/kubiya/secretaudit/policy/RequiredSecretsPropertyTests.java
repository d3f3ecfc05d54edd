package ai.kubiya.secretaudit.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/**
 * The boundary of the REQUIRED rule: a required name is missing exactly when it is not present, whatever the
 * lists, their duplicates and the names present.
 */
class RequiredSecretsPropertyTests {

    @Property(tries = 2000)
    void aRequiredNameIsMissingExactlyWhenItIsNotPresent(
            @ForAll @Size(max = 8) List<@AlphaChars @StringLength(min = 1, max = 2) String> required,
            @ForAll @Size(max = 8) List<@AlphaChars @StringLength(min = 1, max = 2) String> integration,
            @ForAll @Size(max = 12) Set<@AlphaChars @StringLength(min = 1, max = 2) String> present) {
        RequiredSecrets rule = RequiredSecrets.of(required, Map.of("github", integration));

        Map<String, List<String>> missing = rule.missing(present);

        rule.byGroup().forEach((group, names) -> {
            List<String> expected = names.stream().filter(name -> !present.contains(name)).distinct().toList();
            assertThat(missing.get(group)).as(group).isEqualTo(expected);
            assertThat(new HashSet<>(missing.get(group))).hasSameSizeAs(missing.get(group));
        });
        assertThat(missing.keySet()).isEqualTo(rule.byGroup().keySet());
        assertThat(rule.names()).containsAll(required).containsAll(integration);
    }
}
