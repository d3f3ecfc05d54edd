package ai.kubiya.secretaudit.cli;

import ai.kubiya.secretaudit.policy.Status;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code run --fail-on=EXPIRED,OVERDUE,MISSING}: a pipeline's gate. The run completes as ever (emails and workbook
 * included); only its exit code says whether a non-waived finding has one of the statuses. Checked before
 * anything starts, so a typo exits 2 at once instead of after the run with a gate that never closes.
 */
record FailOn(Set<Status> statuses) {

    /** The statuses a finding can have and still need action: OK is never a finding, WAIVED is what it waives. */
    static final List<Status> ACCEPTED = Arrays.stream(Status.values()).filter(Status::needsAction).toList();

    private static final Pattern SIMPLE = Pattern.compile("[A-Za-z_-]{1,40}");

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
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip();
            String wanted = name.toUpperCase(Locale.ROOT).replace('-', '_');
            int position = i + 1;
            Status status = ACCEPTED.stream().filter(s -> s.name().equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--fail-on: " + named(name, position)
                            + " is not a status a finding can fail on; accepted: " + accepted()));
            statuses.add(status);
        }
        return new FailOn(statuses);
    }

    /** A word is quoted back; anything else (control characters, a pasted line) only by its position. */
    private static String named(String name, int position) {
        if (name.isEmpty()) {
            return "status " + position + " is empty and";
        }
        return SIMPLE.matcher(name).matches() ? "'" + name + "'" : "status " + position;
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
