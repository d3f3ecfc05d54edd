package ai.kubiya.secretaudit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** However many values the input brings, a label takes at most 52: the 50 most frequent, {@code other}, {@code none}. */
class LabelValuesPropertyTests {

    record Row(String value, long count) {
    }

    @Property
    void aLabelNeverTakesMoreThanFiftyTwoValues(@ForAll @Size(max = 300) List<@StringLength(max = 3) String> values,
                                                 @ForAll @IntRange(min = 1, max = 5) int weight) {
        List<Row> rows = values.stream().map(value -> new Row(value.isEmpty() ? null : value, weight)).toList();
        LabelValues labels = LabelValues.mostFrequent(rows, Row::value, Row::count);

        Set<String> used = new HashSet<>();
        rows.forEach(row -> used.add(labels.of(row.value())));
        assertThat(used.size()).isLessThanOrEqualTo(LabelValues.MAX_VALUES + 2);
        assertThat(used).allSatisfy(label -> assertThat(label).isNotBlank());
    }

    @Property
    void theFiftyMostFrequentValuesKeepTheirNamesAndTheRestReadOther(
            @ForAll @Size(min = 1, max = 120) List<@IntRange(min = 1, max = 1_000) Integer> counts) {
        List<Row> rows = new java.util.ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            rows.add(new Row("value-" + i, counts.get(i)));
        }
        LabelValues labels = LabelValues.mostFrequent(rows, Row::value, Row::count);

        List<Row> ranked = rows.stream().sorted(Comparator.comparingLong(Row::count).reversed()
                .thenComparing(Row::value)).toList();
        Map<Boolean, List<Row>> kept = ranked.stream().collect(Collectors.partitioningBy(
                row -> ranked.indexOf(row) < LabelValues.MAX_VALUES));
        assertThat(kept.get(true)).allSatisfy(row -> assertThat(labels.of(row.value())).isEqualTo(row.value()));
        assertThat(kept.get(false)).allSatisfy(row -> assertThat(labels.of(row.value())).isEqualTo(LabelValues.OTHER));
        assertThat(labels.of(null)).isEqualTo(LabelValues.NONE);
    }
}
