package org.leadscoring.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The derived fields rules compare: seniority from the title, ISO country codes, email parts. */
class ProspectTest {

    @ParameterizedTest
    @CsvSource({
            "CEO, EXECUTIVE", "Co-Founder & CTO, EXECUTIVE", "VP of Marketing, VP", "Head of Growth, VP", "S.V.P. Sales, VP",
            "Director of IT, DIRECTOR", "Marketing Manager, MANAGER", "Software Engineer, INDIVIDUAL", "Marketing Intern, STUDENT",
            "'', UNKNOWN" })
    void seniorityIsReadFromTitle(String title, Seniority expected) {
        assertThat(Seniority.of(title)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({ "United States, US", "USA, US", "us, US", "U.S.A., US", "United Kingdom, GB", "uk, GB", "Germany, DE", "deu, DE",
            "Atlantis, Atlantis" })
    void countryBecomesIsoCode(String given, String expected) {
        assertThat(Prospect.ofEmail("a@b.io").withCountry(given).normalised().country()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({ "'  Ann.Lee@Acme.COM ', ann.lee@acme.com, acme.com, ann.lee, false", "bo@gmail.com, bo@gmail.com, gmail.com, bo, true" })
    void emailIsTidiedAndSplit(String given, String email, String domain, String local, boolean free) {
        Prospect p = Prospect.ofEmail(given).normalised();
        assertThat(p.email()).isEqualTo(email);
        assertThat(p.getEmailDomain()).isEqualTo(domain);
        assertThat(p.getEmailLocalPart()).isEqualTo(local);
        assertThat(p.isFreeEmail()).isEqualTo(free);
    }

    /** Every field a person fills in has a label (the Zapier app's input fields are built from them); custom has none. */
    @org.junit.jupiter.api.Test
    void everyFieldButCustomHasALabel() {
        assertThat(ProspectFields.all()).filteredOn(f -> !f.name().equals("custom")).allSatisfy(f -> assertThat(f.label()).as(f.name()).isNotBlank());
        assertThat(ProspectFields.named("custom").orElseThrow().label()).isNull();
        assertThat(ProspectFields.named("title").orElseThrow().help()).contains("Seniority");
        assertThat(ProspectFields.named("purchased").orElseThrow().flag()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void aBuilderSetsFieldsByName_andToBuilderKeepsTheRest() {
        Prospect p = Prospect.builder("ann@acme.com").title("VP Sales").employeeCount(200).purchased(true).build();

        assertThat(p.toBuilder().country("DE").build()).isEqualTo(new Prospect("ann@acme.com", null, null, null, "VP Sales", null, "DE", null, 200,
                null, null, true, null, null, false, null));
    }
}
