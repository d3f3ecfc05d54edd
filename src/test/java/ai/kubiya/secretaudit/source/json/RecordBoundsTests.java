package ai.kubiya.secretaudit.source.json;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.IsoTimestamps;
import ai.kubiya.secretaudit.source.SecretCursor;
import ai.kubiya.secretaudit.source.SecretMetadata;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a record may hold and still be stored as it is: dates PostgreSQL can keep and that are plausible, a name
 * an index entry can hold, an owner SMTP could carry.
 */
class RecordBoundsTests {

    private static final List<String> DATE_FIELDS = List.of("created_at", "last_used", "rotated_at", "updated_at",
            "expires_at");

    @ParameterizedTest
    @ValueSource(strings = {"0000-01-01T00:00:00Z", "-0001-06-01T00:00:00Z", "-999999999-01-01T00:00:00Z",
            "0001-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "+294276-12-31T23:59:59.000001Z",
            "+294277-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "0000-01-01"})
    void aDateOutsideTheSupportedRangeIsAProblemOfItsFieldAndNeverQuoted(String date) {
        // when
        SecretMetadata record = readOne(recordWithEveryDate(date));

        // then
        assertThat(List.of(record.createdAt() == null, record.lastUsed() == null, record.rotatedAt() == null,
                record.updatedAt() == null, record.expiresAt() == null)).containsOnly(true);
        assertThat(record.problems()).containsExactlyElementsOf(DATE_FIELDS.stream()
                .map(field -> field + ": outside the supported date range (1970-01-01 to 294276-12-31 UTC)").toList());
        assertThat(String.join(" ", record.problems())).doesNotContain(date);
    }

    @Test
    void neverExpiresIsAFarFutureDate() {
        // when
        SecretMetadata record = readOne(recordWithEveryDate("9999-12-31T23:59:59-05:00"));

        // then
        assertThat(record.problems()).isEmpty();
        assertThat(record.expiresAt()).isEqualTo(Instant.parse("+10000-01-01T04:59:59Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "1970-01-01", "+294276-12-31T23:59:59Z", "9999-12-31"})
    void theEndsOfTheRangeAreSupported(String date) {
        // when
        SecretMetadata record = readOne(recordWithEveryDate(date));

        // then
        assertThat(record.problems()).isEmpty();
        assertThat(record.createdAt()).isEqualTo(IsoTimestamps.parse(date));
    }

    @Test
    void aNameLongerThan512CharactersMakesTheRecordMalformed() {
        // when
        SecretMetadata record = readOne("{\"name\": \"" + "n".repeat(513) + "\", \"type\": \"token\"}");

        // then
        assertThat(record.isMalformed()).isTrue();
        assertThat(record.problems()).containsExactly("name: longer than 512 characters");
    }

    @Test
    void aNameOf512CharactersInAnyScriptIsKept() {
        // given: 512 characters outside the BMP are 1,024 UTF-16 units and 2,048 bytes of UTF-8
        String astral = "🔑".repeat(512);
        String latin = "n".repeat(512);

        // when
        List<SecretMetadata> records = readAll("[{\"name\": \"" + astral + "\"}, {\"name\": \"" + latin + "\"}]");

        // then
        assertThat(records).extracting(SecretMetadata::name).containsExactly(astral, latin);
        assertThat(records).allSatisfy(record -> assertThat(record.problems()).isEmpty());
    }

    @Test
    void anOwnerLongerThan254CharactersIsKeptCutShortAndMarked() {
        // given
        String owner = "o".repeat(300) + "@acme.example";

        // when
        SecretMetadata record = readOne("{\"name\": \"n\", \"created_by\": \"" + owner + "\"}");

        // then: the METADATA rule reports it; what is kept can no longer be taken for an address
        assertThat(record.createdBy()).isEqualTo("o".repeat(254) + " …");
        assertThat(record.createdBy()).doesNotContain("@");
    }

    @Test
    void anOwnerOf254CharactersIsKeptWhole() {
        // given
        String owner = "o".repeat(241) + "@acme.example";

        // when
        SecretMetadata record = readOne("{\"name\": \"n\", \"created_by\": \"" + owner + "\"}");

        // then
        assertThat(owner).hasSize(254);
        assertThat(record.createdBy()).isEqualTo(owner);
    }

    @Test
    void anOwnerIsNeverCutInsideACharacter() {
        // given
        String owner = "a" + "😀".repeat(300);

        // when
        SecretMetadata record = readOne("{\"name\": \"n\", \"created_by\": \"" + owner + "\"}");

        // then
        assertThat(record.createdBy()).isEqualTo("a" + "😀".repeat(253) + " …");
    }

    private static String recordWithEveryDate(String date) {
        StringBuilder json = new StringBuilder("{\"name\": \"n\"");
        for (String field : DATE_FIELDS) {
            json.append(", \"").append(field).append("\": \"").append(date).append('"');
        }
        return json.append('}').toString();
    }

    private static SecretMetadata readOne(String record) {
        return readAll("[" + record + "]").get(0);
    }

    private static List<SecretMetadata> readAll(String json) {
        List<SecretMetadata> records = new ArrayList<>();
        try (SecretCursor cursor = JsonInventoryReader.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "file:/tmp/inventory.json")) {
            cursor.forEachRemaining(records::add);
        }
        return records;
    }
}
