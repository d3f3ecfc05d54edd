package ai.kubiya.secretaudit.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class DownloadPropertiesTests {

    @Test
    void aRateWithoutItsUnitIsRefusedNamingTheKeyInsteadOfPacingDownloadsAtBytesASecond() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DownloadProperties(DataSize.parse("64")))
                .withMessageContaining("audit.portal.downloads.rate-while-running")
                .withMessageContaining("at least 1MB");
        assertThatIllegalArgumentException().isThrownBy(() -> new DownloadProperties(DataSize.parse("1023KB")));
        assertThatIllegalArgumentException().isThrownBy(() -> new DownloadProperties(DataSize.ofBytes(-1)));
    }

    @Test
    void noLimitTheDefaultAndRatesOfAMegabyteOrMoreAreTaken() {
        assertThat(new DownloadProperties(DataSize.parse("0")).rateWhileRunning().toBytes()).isZero();
        assertThat(new DownloadProperties(null).rateWhileRunning()).isEqualTo(DataSize.ofMegabytes(64));
        assertThat(new DownloadProperties(DataSize.parse("1MB")).rateWhileRunning()).isEqualTo(DataSize.ofMegabytes(1));
        assertThat(new DownloadProperties(DataSize.parse("64MB")).rateWhileRunning()).isEqualTo(DataSize.ofMegabytes(64));
    }
}
