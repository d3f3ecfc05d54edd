package ai.kubiya.secretaudit.finding;

import ai.kubiya.secretaudit.policy.Status;

/** How many secrets of a run have this type (or {@code (none)}) and this worst status. */
public record TypeStatusCount(String type, Status status, long count) {
}
