package ai.kubiya.secretaudit.report;

/**
 * What an owner is told to do about one finding, and where ({@code link} may be {@code null}): the owner's
 * workbook and email show it per row.
 */
public record OwnerAdvice(String text, String link) {
}
