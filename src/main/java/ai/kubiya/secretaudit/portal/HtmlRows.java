package ai.kubiya.secretaudit.portal;

import java.util.List;
import org.unbescape.html.HtmlEscape;
import org.unbescape.uri.UriEscape;

/**
 * The rows of the portal's long tables, written here as HTML and put in the page whole ({@code th:utext}): a findings
 * page (100 rows of 13 cells, and its filter form's options) and an auditor's run page (a row per owner emailed:
 * ~5,000 at 1,000,000 secrets). Under 50 auditors, Thymeleaf evaluating one expression per cell was 65 % of the
 * portal's CPU while a run was writing (docs/performance.md#the-portal-under-load). Every text is escaped as
 * {@code th:text} escapes it (unbescape's {@code escapeHtml4Xml}, Thymeleaf's own escaper), and a link's query
 * parameter as {@code @{…}} encodes it: the same markup and escaping the template wrote before
 * (HtmlRowsPropertyTests), without the indentation between cells.
 */
final class HtmlRows {

    private final StringBuilder html;

    HtmlRows(int rows) {
        this.html = new StringBuilder(rows * 256);
    }

    HtmlRows row() {
        html.append("<tr>");
        return this;
    }

    HtmlRows cell(Object text) {
        return cell(null, text);
    }

    /** A cell of {@code cssClass} (none when null); a null text is an empty cell, as {@code th:text} writes it. */
    HtmlRows cell(String cssClass, Object text) {
        html.append(cssClass == null ? "<td>" : "<td class=\"" + HtmlEscape.escapeHtml4Xml(cssClass) + "\">");
        return text(text).append("</td>");
    }

    /** A cell holding a link to {@code path?parameter=value}; {@code contextPath} as the request has it. */
    HtmlRows link(String contextPath, String path, String parameter, String value, Object text) {
        html.append("<td><a href=\"").append(HtmlEscape.escapeHtml4Xml(query(contextPath + path, parameter, value)))
                .append("\">");
        return text(text).append("</a></td>");
    }

    HtmlRows end() {
        html.append("</tr>\n");
        return this;
    }

    String html() {
        return html.toString();
    }

    /**
     * A drop-down's options: "any" (no value) first, then each choice, {@code selected} marked as {@code th:selected}
     * marks it: about 25 options of a findings page's filter form, three expressions each in the template.
     */
    static String options(List<String> choices, String selected) {
        StringBuilder html = new StringBuilder("<option value=\"\">any</option>");
        for (String choice : choices) {
            String text = HtmlEscape.escapeHtml4Xml(choice);
            html.append("<option value=\"").append(text).append(choice.equals(selected) ? "\" selected=\"selected\">"
                    : "\">").append(text).append("</option>");
        }
        return html.toString();
    }

    /** {@code path?name=value&…} as {@code @{…}} writes it: every name, a null value as an empty one. */
    static String query(String path, String... namesAndValues) {
        StringBuilder url = new StringBuilder(path);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            url.append(i == 0 ? '?' : '&').append(namesAndValues[i]).append('=')
                    .append(value == null ? "" : UriEscape.escapeUriQueryParam(value));
        }
        return url.toString();
    }

    private HtmlRows text(Object text) {
        if (text != null) {
            html.append(HtmlEscape.escapeHtml4Xml(text.toString()));
        }
        return this;
    }

    private HtmlRows append(String markup) {
        html.append(markup);
        return this;
    }
}
