package ai.kubiya.secretaudit.source.synthetic;

import ai.kubiya.secretaudit.source.RecordDraft;
import ai.kubiya.secretaudit.source.RecordProblems;
import ai.kubiya.secretaudit.source.SecretMetadata;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Record {@code i} of a synthetic inventory, as a pure function of (size, as-of, i): each record draws
 * from its own random generator seeded by its index, so any record can be made without the ones before
 * it and the same size and as-of always give the same inventory. Dates are placed relative to as-of.
 *
 * <p>Built for speed (millions of records a second): pools are precomputed and strings are appended,
 * never formatted.
 */
final class SyntheticSecrets {

    private static final long SEED = 0x5EC2_E7A0_D17AL;
    private static final long GOLDEN_GAMMA = 0x9E37_79B9_7F4A_7C15L;
    private static final long DAY = 86_400L;
    private static final String[] ENVIRONMENTS = {"prod-", "prod-", "prod-", "prod-", "staging-", "staging-", "dev-", "", "", ""};

    private final String[] owners;
    private final long asOf;

    SyntheticSecrets(int size, Instant asOf) {
        this.owners = SyntheticOwners.pool(size);
        this.asOf = asOf.getEpochSecond();
    }

    SecretMetadata secret(long index) {
        SplittableRandom random = new SplittableRandom(mix(SEED + index * GOLDEN_GAMMA));
        SyntheticTemplate template = SyntheticTemplate.pick(random.nextInt(SyntheticTemplate.TOTAL_WEIGHT));
        RecordDraft draft = new RecordDraft();
        draft.name = name(random, template, index);
        draft.type = spelling(random, template.type());
        draft.scope = scope(random.nextInt(100));
        draft.integration = template.integration();
        draft.description = random.nextInt(10) == 0 ? null : template.description();
        draft.createdBy = owners[Math.min(random.nextInt(owners.length), random.nextInt(owners.length))];
        placeDates(random, draft);
        if (random.nextInt(100) == 0) {
            spoil(random.nextInt(5), draft);
        }
        return draft.toMetadata(index);
    }

    private static String name(SplittableRandom random, SyntheticTemplate template, long index) {
        String environment = ENVIRONMENTS[random.nextInt(ENVIRONMENTS.length)];
        if (random.nextInt(2000) == 0) {
            return null;
        }
        StringBuilder name = new StringBuilder(48).append(environment).append(template.baseName()).append('-');
        for (long place = 100_000; place > 1 && index < place; place /= 10) {
            name.append('0');
        }
        return name.append(index).toString();
    }

    /** Now and then an {@code api_key} is written the way people type it; the rules must read it as one. */
    private static String spelling(SplittableRandom random, String type) {
        if (!"api_key".equals(type)) {
            return type;
        }
        int roll = random.nextInt(100);
        return roll == 0 ? "API Key" : roll == 1 ? "api-key" : type;
    }

    private static String scope(int percentile) {
        return percentile < 60 ? "org" : percentile < 85 ? "team" : "user";
    }

    private void placeDates(SplittableRandom random, RecordDraft draft) {
        long created = asOf - random.nextLong(540 * DAY + 1);
        draft.createdAt = Instant.ofEpochSecond(created);
        if (random.nextInt(100) < 40) {
            draft.rotatedAt = Instant.ofEpochSecond(created + random.nextLong(asOf - created + 1));
        }
        if (random.nextInt(100) < 20) {
            draft.updatedAt = Instant.ofEpochSecond(created + random.nextLong(asOf - created + 1));
        }
        if (random.nextInt(100) >= 15) {
            draft.lastUsed = Instant.ofEpochSecond(asOf - random.nextLong(Math.min(200 * DAY, asOf - created) + 1));
        }
        if (SyntheticTemplate.CERTIFICATE.equals(draft.type)) {
            draft.expiresAt = Instant.ofEpochSecond(asOf - 60 * DAY + random.nextLong(460 * DAY + 1));
        }
    }

    /** The malformed records an audit has to cope with, each in the form a real source would give it. */
    private static void spoil(int kind, RecordDraft draft) {
        switch (kind) {
            case 0 -> draft.createdAt = null;
            case 1 -> draft.createdBy = "ops-team";
            case 2 -> draft.type = "ssh_key";
            case 3 -> {
                draft.type = SyntheticTemplate.CERTIFICATE;
                draft.expiresAt = null;
            }
            default -> {
                draft.createdAt = null;
                draft.problem(RecordProblems.notATimestamp("created_at"));
            }
        }
    }

    /** Stafford's mix 13, so that neighbouring indexes get unrelated generators. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
