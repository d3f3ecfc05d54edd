package ai.kubiya.secretaudit.cli;

import ai.kubiya.secretaudit.policy.Status;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code run --fail-on=EXPIRED,OVERDUE,MISSING}: a pipeline's gate. The run completes as ever (emails and workbook
 * included); only its exit code says whether a non-waived finding has one of the statuses. Checked before
 * anything starts, so a typo exits 2 at once instead of after the run with a gate that never closes.
 */
record FailOn(Set<Status> statuses) {

    /** The statuses a finding can have and still need action: OK is never a finding, WAIVED is what it waives. */
    static final List<Status> ACCEPTED = Arrays.stream(Status.values()).filter(Status::needsAction).toList();

    static final FailOn NEVER = new FailOn(EnumSet.noneOf(Status.class));

    FailOn {
        statuses = statuses.isEmpty() ? EnumSet.noneOf(Status.class) : EnumSet.copyOf(statuses);
    }

    /** @throws IllegalArgumentException naming the accepted statuses when one of {@code names} is none of them */
    static FailOn parse(List<String> names) {
        if (names == null || names.isEmpty()) {
            return NEVER;
        }
        Set<Status> statuses = EnumSet.noneOf(Status.class);
        for (String name : names) {
            String wanted = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
            Status status = ACCEPTED.stream().filter(s -> s.name().equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--fail-on: '" + name.strip()
                            + "' is not a status a finding can fail on; accepted: " + accepted()));
            statuses.add(status);
        }
        return new FailOn(statuses);
    }

    boolean isSet() {
        return !statuses.isEmpty();
    }

    static String accepted() {
        return ACCEPTED.stream().map(Status::name).collect(Collectors.joining(", "));
    }

    String describe() {
        return statuses.stream().map(Status::name).collect(Collectors.joining(","));
    }
}
