package ai.kubiya.secretaudit.chaos;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * The records the fuzz scenario adds for "a record is isolated" (issue 12): dates PostgreSQL cannot hold or
 * nobody should believe, "never expires", dates of the past in the future, names and owners of 3–10 KB of random
 * text, 10,000-deep nesting and 1,001-digit numbers in unknown and known fields, and owner addresses with typos.
 * Each case says what the run must make of its record; the date and owner oracles restate docs/input.md and docs/email.md.
 */
final class IsolationFuzz {

    /** Not addresses, though they look close: the run must never send to them (or to what a parser makes of them). */
    static final Set<String> OWNER_TYPOS = Set.of("a..b@acme.example", ".a@acme.example", "a.@acme.example", "a@b..c",
            "bob@acme.example)", "a;b@acme.example", "a,b@acme.example", "a\"b@acme.example", "team:evil@evil.test;",
            "vic\u0000tim@acme.example");
    /** Real addresses that need SMTPUTF8: sent properly, or unroutable with the reason. */
    static final Set<String> INTERNATIONAL_OWNERS = Set.of("bob@münchen.de", "bö@acme.example");

    static final List<String> DATE_FIELDS = List.of("created_at", "last_used", "rotated_at", "updated_at", "expires_at");
    private static final List<String> DATES = List.of("0000-01-01T00:00:00Z", "-0001-06-01T00:00:00Z",
            "0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "9999-12-31T23:59:59-05:00",
            "+300000-01-01T00:00:00Z", "2099-01-01T00:00:00Z", "2026-11-27T00:00:00Z", "2026-11-27T00:00:01Z",
            "1970-01-01T00:00:00Z");
    private static final Instant FIRST_SUPPORTED = Instant.EPOCH;
    private static final Instant LAST_SUPPORTED = Instant.parse("+294276-12-31T23:59:59Z");
    private static final String DEEP = "[".repeat(10_000) + "]".repeat(10_000);
    private static final String LONG_NUMBER = "9".repeat(1_001);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the run must make of a record: listed as malformed, given a METADATA finding, or judged by the oracle. */
    enum Expect { MALFORMED, METADATA, ORACLE, ANY }

    /** A record written as it is: the JSON no serializer writes (10,000 levels, a 1,001-digit number). */
    record Raw(String json) {
        @Override
        public String toString() {
            return json;
        }
    }

    /** An element of the inventory and what it expects. */
    record Case(String name, Object element, Expect expect) {
    }

    private IsolationFuzz() {
    }

    /** Turns the well-formed {@code record} into one of the cases, at random. */
    static Case apply(Random random, Map<String, Object> record) {
        String field = DATE_FIELDS.get(random.nextInt(DATE_FIELDS.size()));
        return switch (random.nextInt(8)) {
            case 0, 1 -> {
                record.put(field, DATES.get(random.nextInt(DATES.size())));
                yield new Case("date", record, Expect.ORACLE);
            }
            case 2 -> {
                record.put("name", randomText(random, 3_000 + random.nextInt(7_000)));
                yield new Case("long name", record, Expect.MALFORMED);
            }
            case 3 -> {
                record.put("created_by", randomText(random, 3_000 + random.nextInt(7_000))
                        + (random.nextBoolean() ? "@fuzz.example" : ""));
                yield new Case("long owner", record, Expect.METADATA);
            }
            case 4 -> new Case("deep nesting", raw(record, random.nextBoolean() ? "labels" : field, DEEP), Expect.MALFORMED);
            case 5 -> new Case("1,001 digits", raw(record, random.nextBoolean() ? "id" : field, LONG_NUMBER),
                    Expect.MALFORMED);
            default -> {
                List<String> owners = random.nextInt(6) == 0 ? List.copyOf(INTERNATIONAL_OWNERS) : List.copyOf(OWNER_TYPOS);
                record.put("created_by", owners.get(random.nextInt(owners.size())));
                yield new Case("owner typo", record, Expect.ANY);
            }
        };
    }

    /**
     * Whether docs/input.md asks for a METADATA finding because of a date: outside 1970-01-01 to 294276-12-31 (UTC), or
     * a date of the past more than a day after the as-of. Unparseable and non-string dates are judged elsewhere.
     */
    static boolean hasBadDate(Map<String, Object> record, Instant asOf) {
        for (String field : DATE_FIELDS) {
            if (record.get(field) instanceof String text) {
                Instant date = parse(text);
                if (date != null && (date.isBefore(FIRST_SUPPORTED) || date.isAfter(LAST_SUPPORTED)
                        || (!field.equals("expires_at") && Duration.between(asOf, date).compareTo(Duration.ofDays(1)) > 0))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Instant parse(String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The record's JSON with {@code field} set to the raw {@code value} (a duplicate key: the last one counts). */
    private static Raw raw(Map<String, Object> record, String field, String value) {
        String json = JSON.writeValueAsString(record);
        return new Raw(json.substring(0, json.length() - 1) + ",\"" + field + "\":" + value + "}");
    }

    /** Letters, digits and some punctuation at random: PostgreSQL cannot compress it as it can a repeated letter. */
    static String randomText(Random random, int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_+=é秘🔑";
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            int at = random.nextInt(alphabet.length() - 1);
            text.append(Character.isHighSurrogate(alphabet.charAt(at)) ? alphabet.substring(at, at + 2)
                    : Character.isLowSurrogate(alphabet.charAt(at)) ? "x" : String.valueOf(alphabet.charAt(at)));
        }
        return text.toString();
    }
}
