package org.leadscoring.crm.zoho;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.leadscoring.crm.Conversion;
import org.leadscoring.crm.ConvertOptions;
import org.leadscoring.crm.Crm;
import org.leadscoring.crm.RecordKind;
import org.leadscoring.crm.RecordOutcome;

import io.quarkus.test.junit.QuarkusTest;

/** Without credentials (the embedded default) the service gets a dry-run client that calls nothing but keeps state. */
@QuarkusTest
class DryRunZohoCrmTest {

    @Inject
    Crm crm;

    @Test
    void givenNoCredentials_thenDryRunThatRemembersWhatItWouldHaveDone() {
        assertThat(crm.dryRun()).isTrue();
        DryRunZohoCrm dry = (DryRunZohoCrm) io.quarkus.arc.ClientProxy.unwrap(crm);

        RecordOutcome created = dry.create(RecordKind.LEADS, Map.of("Email", "dry@acme.com", "Last_Name", "Dry"));
        dry.update(RecordKind.LEADS, List.of(Map.of("id", created.id(), "Lead_Score", 50)), false);
        Conversion conversion = dry.convert(created.id(), ConvertOptions.DEFAULT);

        assertThat(dry.findByEmail("dry@acme.com", List.of())).hasValueSatisfying(r -> {
            assertThat(r.module()).isEqualTo(RecordKind.CONTACTS);
            assertThat(r.id()).isEqualTo(conversion.contactId());
            assertThat(r.fields()).containsEntry("Lead_Score", 50);
        });
        assertThat(dry.journal()).anySatisfy(line -> assertThat(line).contains("would create Leads " + created.id()))
                .anySatisfy(line -> assertThat(line).contains("without workflows"))
                .anySatisfy(line -> assertThat(line).contains("would convert Lead " + created.id()));
        assertThat(dry.usage().calls()).isZero();
    }
}
