package ai.kubiya.secretaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.finding.TypeStatusCount;
import ai.kubiya.secretaudit.policy.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Summary sheet's titles and the chart's grouping, made from plain counts as the repositories read them. */
class SummarySectionsTests {

    @Test
    void theChartListsTypesMostCommonFirstWithTiesInNameOrderAndAColumnPerStatusSeen() {
        // given
        List<TypeStatusCount> cells = List.of(new TypeStatusCount("token", Status.OK, 2),
                new TypeStatusCount("api_key", Status.OVERDUE, 1), new TypeStatusCount("api_key", Status.OK, 1),
                new TypeStatusCount("cert", Status.OK, 5));

        // when
        StatusMatrix matrix = SummarySections.statusByType(cells);

        // then
        assertThat(matrix.title()).isEqualTo("Secrets by type and status");
        assertThat(matrix.rows()).containsExactly("cert", "api_key", "token");
        assertThat(matrix.columns()).containsExactly(Status.OK, Status.OVERDUE);
        assertThat(matrix.counts()).isDeepEqualTo(new long[][] {{5, 0}, {1, 1}, {2, 0}});
    }

    @Test
    void beyondTwentyTypesTheRarestAreSummedIntoOtherTypes() {
        // given: 25 types, type-NN has NN secrets, 1 of them OVERDUE
        List<TypeStatusCount> cells = new ArrayList<>();
        for (int n = 1; n <= 25; n++) {
            cells.add(new TypeStatusCount("type-%02d".formatted(n), Status.OK, n - 1));
            cells.add(new TypeStatusCount("type-%02d".formatted(n), Status.OVERDUE, 1));
        }

        // when
        StatusMatrix matrix = SummarySections.statusByType(cells);

        // then: the 19 most common, then the other 6 (type-01 … type-06: 1+2+…+6 secrets) summed
        assertThat(matrix.rows()).hasSize(SummarySections.CHART_TYPES);
        assertThat(matrix.rows().get(0)).isEqualTo("type-25");
        assertThat(matrix.rows().get(18)).isEqualTo("type-07");
        assertThat(matrix.rows().get(19)).isEqualTo("(other types)");
        assertThat(matrix.counts()[19]).containsExactly(0 + 1 + 2 + 3 + 4 + 5, 6);
    }

    @Test
    void exactlyTwentyTypesAreChartedAsThemselves() {
        // given
        List<TypeStatusCount> cells = new ArrayList<>();
        for (int n = 1; n <= SummarySections.CHART_TYPES; n++) {
            cells.add(new TypeStatusCount("type-%02d".formatted(n), Status.OK, n));
        }

        // when / then
        assertThat(SummarySections.statusByType(cells).rows()).doesNotContain("(other types)")
                .hasSize(SummarySections.CHART_TYPES);
    }

    @Test
    void completenessSaysWhichNamesEachGroupMissesOrThatItIsComplete() {
        // given
        Map<String, List<String>> missing = new LinkedHashMap<>();
        missing.put("(all)", List.of("db-password", "smtp-password"));
        missing.put("slack", List.of());

        // when
        SummarySection section = SummarySections.completeness(missing);

        // then
        assertThat(section.title()).isEqualTo("Required secrets (missing)");
        assertThat(section.counts()).containsExactly(
                new SummarySection.Count("(all): missing db-password, smtp-password", 2),
                new SummarySection.Count("slack: complete", 0));
    }
}
