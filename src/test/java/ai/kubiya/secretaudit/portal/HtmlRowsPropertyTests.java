package ai.kubiya.secretaudit.portal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.portal.PortalQueries.FindingLine;
import ai.kubiya.secretaudit.report.SummarySection;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.StringTemplateResolver;

/**
 * The rows the portal writes itself ({@link HtmlRows}) are the rows the template wrote before, byte for byte, whatever
 * the text: markup, quotes, ampersands, line breaks, non-ASCII, characters outside the BMP. The reference is
 * Thymeleaf itself rendering the template's former row markup ({@code th:text}, {@code th:class}, {@code @{…}}).
 */
class HtmlRowsPropertyTests {

    private static final SpringTemplateEngine THYMELEAF = thymeleaf();
    private static final String FINDING_ROW = """
            <th:block th:each="row : ${rows}"><tr><td><a th:href="@{~/ctx/secrets/history(name=${row.secret})}" \
            th:text="${row.secret}">name</a></td><td th:text="${row.rule}">R</td><td th:text="${row.status}" \
            th:class="'status-' + ${row.status}">S</td><td th:text="${row.severity}">H</td>\
            <td th:text="${row.dueDate}">D</td><td class="number" th:text="${row.ageDays}">1</td>\
            <td th:text="${row.lifecycle}">O</td><td th:text="${row.type}">t</td><td th:text="${row.scope}">s</td>\
            <td th:text="${row.integration}">i</td><td th:text="${row.owner}">o</td>\
            <td th:text="${row.waiver}"></td><td th:text="${row.message}">m</td></tr>
            </th:block>""";
    private static final String COUNT_ROW = """
            <th:block th:each="count : ${rows}"><tr><td th:text="${count.label}">OK</td>\
            <td class="number" th:text="${count.count}">1</td></tr>
            </th:block>""";
    private static final String CHANGE_ROW = """
            <th:block th:each="change : ${rows}"><tr><td th:text="${change.change}">NEW</td>\
            <td><a th:href="@{~/ctx/secrets/history(name=${change.secret})}" th:text="${change.secret}">name</a></td>\
            <td th:text="${change.rule}">ROTATION</td><td th:text="${change.status}">OVERDUE</td>\
            <td th:text="${change.owner}">owner</td></tr>
            </th:block>""";
    private static final String OWNER_WORKBOOK_ROW = """
            <th:block th:each="entry : ${rows}"><tr><td th:text="${entry.key}">to</td>\
            <td class="hash" th:text="${entry.value}">sha</td></tr>
            </th:block>""";

    @Property(tries = 300)
    void findingRowsAreWhatTheTemplateWrote(@ForAll("findingLines") @Size(max = 5) List<FindingLine> lines) {
        assertThat(FindingPages.rows(lines, "/ctx")).isEqualTo(render(FINDING_ROW, lines));
    }

    @Property(tries = 200)
    void ownerWorkbookRowsAreWhatTheTemplateWrote(@ForAll @Size(max = 5) Map<@From("text") String,
            @From("text") String> ownerWorkbooks) {
        assertThat(RunPages.ownerWorkbookRows(ownerWorkbooks)).isEqualTo(render(OWNER_WORKBOOK_ROW, ownerWorkbooks));
    }

    @Property(tries = 200)
    void changeRowsAreWhatTheTemplateWrote(@ForAll @Size(max = 5) List<@From("text") String> texts) {
        List<PortalQueries.Change> changes = texts.stream().map(text -> new PortalQueries.Change(text, text + "<",
                "ROTATION", text, null)).toList();
        assertThat(RunPages.changeRows(changes, "/ctx")).isEqualTo(render(CHANGE_ROW, changes));
    }

    @Property(tries = 100)
    void countRowsAreWhatTheTemplateWrote(@ForAll @Size(max = 5) List<@From("text") String> labels,
                                          @ForAll long count) {
        List<SummarySection.Count> counts = labels.stream().map(label -> new SummarySection.Count(label, count))
                .toList();
        assertThat(RunPages.countRows(counts)).isEqualTo(render(COUNT_ROW, counts));
    }

    @Property(tries = 200)
    void optionsAreWhatTheTemplateWrote(@ForAll @Size(max = 6) List<@From("text") String> choices,
                                        @ForAll("text") String other, @ForAll boolean pickOne) {
        String selected = pickOne && !choices.isEmpty() ? choices.get(0) : other;
        Context context = new Context();
        context.setVariable("choices", choices);
        context.setVariable("selected", selected);
        assertThat(HtmlRows.options(choices, selected)).isEqualTo(THYMELEAF.process("""
                <option value="">any</option><option th:each="choice : ${choices}" th:value="${choice}" \
                th:text="${choice}" th:selected="${selected == choice}">X</option>""", context));
    }

    @Property(tries = 200)
    void theNextPageLinkIsWhatTheTemplateWrote(@ForAll("filters") FindingFilter filter, @ForAll("text") String secret,
                                               @ForAll long runId) {
        Context context = new Context();
        context.setVariable("id", runId);
        context.setVariable("filter", filter);
        context.setVariable("next", new PortalQueries.Cursor(secret, "ROTATION"));
        context.setVariable("url", FindingPages.nextPage("/ctx", runId, filter, new PortalQueries.Cursor(secret,
                "ROTATION")));
        assertThat(THYMELEAF.process("<a th:href=\"${url}\">", context)).isEqualTo(THYMELEAF.process("""
                <a th:href="@{~/ctx/runs/{id}/findings(id=${id}, status=${filter.status}, rule=${filter.rule}, \
                severity=${filter.severity}, type=${filter.type}, scope=${filter.scope}, \
                integration=${filter.integration}, owner=${filter.owner}, lifecycle=${filter.lifecycle}, \
                afterSecret=${next.secret}, afterRule=${next.rule})}">""", context));
    }

    @Provide
    Arbitrary<FindingFilter> filters() {
        Arbitrary<String> text = Arbitraries.strings().withChars("<>&\"' =/?#%+;:abcé😀").ofMaxLength(10)
                .injectNull(0.4);
        Arbitrary<String> status = Arbitraries.of("OVERDUE", "EXPIRED").injectNull(0.5);
        Arbitrary<String> rule = Arbitraries.of("ROTATION", "UNUSED").injectNull(0.5);
        Arbitrary<String> severity = Arbitraries.of("HIGH", "LOW").injectNull(0.5);
        Arbitrary<String> lifecycle = Arbitraries.of("NEW", "WAIVED").injectNull(0.5);
        return Combinators.combine(status, rule, severity, lifecycle, text, text, text, text).as((s, r, v, l, type,
                scope, integration, owner) -> new FindingFilter(s, r, v, type, scope, integration, owner, l, null,
                null));
    }

    @Property(tries = 50)
    void aHostileNameStaysText(@ForAll("text") String text) {
        String html = FindingPages.rows(List.of(line("<script>alert('" + text + "')</script>\" onmouseover=\"x")),
                "/ctx");
        assertThat(html).doesNotContain("<script", "\" onmouseover").contains("href=\"/ctx/secrets/history?name=");
    }

    @Provide
    Arbitrary<List<FindingLine>> findingLines() {
        Arbitrary<String> text = text().injectNull(0.1);
        Arbitrary<LocalDate> due = Arbitraries.integers().between(0, 40_000).map(d -> LocalDate.EPOCH.plusDays(d))
                .injectNull(0.3);
        Arbitrary<Integer> age = Arbitraries.integers().between(-5, 100_000).injectNull(0.3);
        Arbitrary<FindingLine> line = Combinators.combine(text(), text, text, text, due,
                        age, text, Combinators.combine(text, text, text, text, text, text).as(java.util.Arrays::asList))
                .as((secret, rule, status, severity, dueDate, ageDays, lifecycle, rest) -> new FindingLine(secret,
                        rule, status, severity, dueDate, ageDays, lifecycle, rest.get(0), rest.get(1), rest.get(2),
                        rest.get(3), rest.get(4), rest.get(5)));
        return line.list();
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars("<>&\"' =/?#%+;:\r\n\tabcÅé€😀\u0000\u007f")
                .ofMaxLength(12), Arbitraries.strings().all().ofMaxLength(8));
    }

    private static FindingLine line(String secret) {
        return new FindingLine(secret, "ROTATION", "OVERDUE", "HIGH", null, 3, "NEW", "token", "org", "github",
                "o@acme.example", null, "rotate it");
    }

    private static String render(String template, Object rows) {
        Context context = new Context();
        context.setVariable("rows", rows);
        return THYMELEAF.process(template, context);
    }

    private static SpringTemplateEngine thymeleaf() {
        StringTemplateResolver resolver = new StringTemplateResolver();
        resolver.setTemplateMode(TemplateMode.HTML);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
