package ai.kubiya.secretaudit.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies approved waivers to findings: a finding covered by a valid waiver is reported {@code WAIVED};
 * one whose waiver has expired stays non-OK and names the expired waiver, so the owner is told again.
 */
public final class Waivers {

    private final List<Waiver> waivers;
    private final Glob[] secrets;

    public Waivers(List<Waiver> waivers) {
        this.waivers = List.copyOf(waivers);
        this.secrets = this.waivers.stream().map(w -> Glob.of(w.secret())).toArray(Glob[]::new);
    }

    public List<Waiver> all() {
        return waivers;
    }

    public Evaluation apply(Evaluation evaluation, Instant asOf) {
        if (waivers.isEmpty() || evaluation.findings().isEmpty()) {
            return evaluation;
        }
        List<Finding> findings = new ArrayList<>(evaluation.findings().size());
        Status worst = Status.OK;
        for (Finding finding : evaluation.findings()) {
            Finding applied = apply(finding, asOf);
            findings.add(applied);
            worst = Status.worst(worst, applied.status());
        }
        return new Evaluation(evaluation.secret(), evaluation.type(), findings, worst);
    }

    public Finding apply(Finding finding, Instant asOf) {
        Waiver waiver = bestMatch(finding, asOf);
        if (waiver == null) {
            return finding;
        }
        if (waiver.isValidAt(asOf)) {
            return new Finding(finding.secret(), finding.rule(), Status.WAIVED, finding.severity(), finding.dueDate(),
                    finding.ageDays(), finding.message() + "; waived until " + waiver.expires() + " by "
                    + waiver.approvedBy() + " (" + waiver.ticket() + "): " + waiver.reason(), waiver.label());
        }
        return new Finding(finding.secret(), finding.rule(), finding.status(), finding.severity(), finding.dueDate(),
                finding.ageDays(), finding.message() + "; waiver " + waiver.ticket() + " expired on "
                + waiver.expires(), waiver.label());
    }

    /** A valid waiver before an expired one; of several, the one that lasts longest. */
    private Waiver bestMatch(Finding finding, Instant asOf) {
        Waiver best = null;
        for (int i = 0; i < waivers.size(); i++) {
            Waiver candidate = waivers.get(i);
            if (candidate.rule() != finding.rule() || !secrets[i].matches(finding.secret())) {
                continue;
            }
            if (best == null || rank(candidate, asOf) > rank(best, asOf)
                    || (rank(candidate, asOf) == rank(best, asOf) && candidate.expires().isAfter(best.expires()))) {
                best = candidate;
            }
        }
        return best;
    }

    private static int rank(Waiver waiver, Instant asOf) {
        return waiver.isValidAt(asOf) ? 1 : 0;
    }
}
