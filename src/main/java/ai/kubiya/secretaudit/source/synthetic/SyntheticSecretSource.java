package ai.kubiya.secretaudit.source.synthetic;

import ai.kubiya.secretaudit.source.ReadProgress;
import ai.kubiya.secretaudit.source.SecretCursor;
import ai.kubiya.secretaudit.source.SecretMetadata;
import ai.kubiya.secretaudit.source.SecretSource;
import java.time.Instant;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * {@code synthetic[:N]}: a generated inventory of N secrets (default 250) for demos and benchmarks.
 * Records are made as the cursor advances, so N can be millions without holding them.
 */
public final class SyntheticSecretSource implements SecretSource {

    public static final int DEFAULT_COUNT = 250;

    private static final String PREFIX = "synthetic";

    private final int count;

    public SyntheticSecretSource(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("a synthetic inventory needs a count >= 0, not " + count);
        }
        this.count = count;
    }

    /**
     * @param spec {@code synthetic} or {@code synthetic:N} with N a whole number ≥ 0
     * @throws IllegalArgumentException for anything else
     */
    public static SyntheticSecretSource parse(String spec) {
        if (PREFIX.equals(spec)) {
            return new SyntheticSecretSource(DEFAULT_COUNT);
        }
        if (spec == null || !spec.startsWith(PREFIX + ":") || !isCount(spec.substring(PREFIX.length() + 1))) {
            throw new IllegalArgumentException("invalid synthetic source '" + spec
                    + "': expected 'synthetic' or 'synthetic:N' with N a whole number from 0 to " + Integer.MAX_VALUE);
        }
        return new SyntheticSecretSource(Integer.parseInt(spec.substring(PREFIX.length() + 1)));
    }

    private static boolean isCount(String digits) {
        if (digits.isEmpty() || digits.length() > 10) {
            return false;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return false;
            }
        }
        return Long.parseLong(digits) <= Integer.MAX_VALUE;
    }

    public int count() {
        return count;
    }

    @Override
    public SecretCursor open(Instant asOf) {
        SyntheticSecrets secrets = new SyntheticSecrets(count, Objects.requireNonNull(asOf, "asOf"));
        return new SecretCursor() {
            private volatile int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public SecretMetadata next() {
                if (next >= count) {
                    throw new NoSuchElementException("the synthetic inventory has " + count + " records");
                }
                return secrets.secret(next++);
            }

            @Override
            public ReadProgress progress() {
                return new ReadProgress(next, count, ReadProgress.Unit.RECORDS);
            }

            @Override
            public void close() {
                next = count;
            }
        };
    }

    @Override
    public String describe() {
        return PREFIX + ":" + count;
    }
}
