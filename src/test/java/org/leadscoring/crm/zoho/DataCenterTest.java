package org.leadscoring.crm.zoho;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every data centre's accounts server and API domain, as Zoho documents them. */
class DataCenterTest {

    @ParameterizedTest
    @CsvSource({
            "com,    https://accounts.zoho.com,      https://www.zohoapis.com",
            "eu,     https://accounts.zoho.eu,       https://www.zohoapis.eu",
            "in,     https://accounts.zoho.in,       https://www.zohoapis.in",
            "com.au, https://accounts.zoho.com.au,   https://www.zohoapis.com.au",
            "jp,     https://accounts.zoho.jp,       https://www.zohoapis.jp",
            "ca,     https://accounts.zohocloud.ca,  https://www.zohoapis.ca",
            "sa,     https://accounts.zoho.sa,       https://www.zohoapis.sa",
            "com.cn, https://accounts.zoho.com.cn,   https://www.zohoapis.com.cn" })
    void dataCentreUrls(String dc, String accounts, String api) {
        DataCenter center = DataCenter.of(dc);
        assertThat(center.accountsUrl()).isEqualTo(accounts);
        assertThat(center.apiUrl()).isEqualTo(api);
    }

    @Test
    void unknownDataCentreIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> DataCenter.of("uk")).hasMessageContaining("com, eu, in, com.au, jp, ca, sa, com.cn");
    }
}
