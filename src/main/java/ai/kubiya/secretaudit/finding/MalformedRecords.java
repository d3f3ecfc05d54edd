package ai.kubiya.secretaudit.finding;

import ai.kubiya.secretaudit.source.SecretMetadata;

/** How a record that cannot be evaluated is described to auditors (never with any value of the record). */
final class MalformedRecords {

    private MalformedRecords() {
    }

    static String reason(SecretMetadata secret) {
        StringBuilder reason = new StringBuilder("record ").append(secret.position()).append(": no usable name");
        for (String problem : secret.problems()) {
            reason.append("; ").append(problem);
        }
        return reason.toString();
    }
}
