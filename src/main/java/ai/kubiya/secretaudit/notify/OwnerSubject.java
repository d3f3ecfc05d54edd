package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.report.WorstFirst;
import ai.kubiya.secretaudit.report.WorstFirst.Tier;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An owner email's subject: the worst thing first, in words ({@code 1 certificate EXPIRED, 59 secrets overdue
 * since 2025-08-22, 16 due soon}). It counts secrets, each once, under its worst finding: a secret both overdue and
 * unused is one secret overdue. "first due 2025-08-22" read as news when it was fifteen months late.
 */
final class OwnerSubject {

    /** Parts named before "and N more": the synthetic run's fullest subject had five, 150 characters, cut on a phone. */
    private static final int MAX_PARTS = 3;

    private OwnerSubject() {
    }

    static String of(List<FindingRow> rows) {
        return tagged(summary(rows));
    }

    /** The subject of a {@link #summary}. */
    static String tagged(String summary) {
        return "[Secret rotation] " + summary;
    }

    /** The subject without its {@code [Secret rotation]} tag: what a subject template gets as {@code summary}. */
    static String summary(List<FindingRow> rows) {
        Map<String, FindingRow> worst = new HashMap<>();
        for (FindingRow row : rows) {
            worst.merge(Objects.requireNonNullElse(row.secret(), ""), row,
                    (a, b) -> WorstFirst.ORDER.compare(a, b) <= 0 ? a : b);
        }
        Map<Tier, List<FindingRow>> byTier = new EnumMap<>(Tier.class);
        worst.values().forEach(row -> byTier.computeIfAbsent(WorstFirst.tier(row), t -> new ArrayList<>()).add(row));
        List<String> parts = new ArrayList<>();
        certificates(byTier.getOrDefault(Tier.CERTIFICATE, List.of()), parts);
        secrets(byTier.get(Tier.OVERDUE), "overdue", " since ", parts);
        secrets(byTier.get(Tier.SOON), "due soon", null, parts);
        secrets(byTier.get(Tier.REVIEW), "unused or incomplete", null, parts);
        if (parts.isEmpty()) {
            parts.add(count(worst.size(), "secret") + " to check");
        }
        if (parts.size() > MAX_PARTS) {
            long named = parts.subList(0, MAX_PARTS).stream().mapToLong(OwnerSubject::leadingCount).sum();
            parts = new ArrayList<>(parts.subList(0, MAX_PARTS));
            parts.add("and " + (worst.size() - named) + " more");
        }
        return String.join(", ", parts);
    }

    private static void certificates(List<FindingRow> rows, List<String> parts) {
        long expired = rows.stream().filter(row -> row.status() == Status.EXPIRED).count();
        if (expired > 0) {
            parts.add(count(expired, "certificate") + " EXPIRED");
        }
        List<FindingRow> expiring = rows.stream().filter(row -> row.status() != Status.EXPIRED).toList();
        if (!expiring.isEmpty()) {
            LocalDate first = earliest(expiring);
            parts.add(count(expiring.size(), "certificate") + (expiring.size() == 1 ? " expires" : " expire")
                    + (first == null ? " soon" : (expiring.size() == 1 ? " on " : " from ") + first));
        }
    }

    /** The first part names its unit ({@code 59 secrets overdue}); later ones read on ({@code , 16 due soon}). */
    private static void secrets(List<FindingRow> rows, String what, String dated, List<String> parts) {
        if (rows == null || rows.isEmpty()) {
            return;
        }
        LocalDate first = dated == null ? null : earliest(rows);
        boolean named = parts.stream().anyMatch(part -> part.contains(" secret"));
        parts.add((named ? String.valueOf(rows.size()) : count(rows.size(), "secret")) + " " + what
                + (first == null ? "" : dated + first));
    }

    private static long leadingCount(String part) {
        return Long.parseLong(part.substring(0, part.indexOf(' ')));
    }

    private static LocalDate earliest(List<FindingRow> rows) {
        return rows.stream().map(FindingRow::dueDate).filter(Objects::nonNull).min(LocalDate::compareTo).orElse(null);
    }

    private static String count(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
