package org.leadscoring.crm.zoho;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.jboss.logging.Logger;
import org.leadscoring.crm.Crm;
import org.leadscoring.crm.FieldMapping;
import org.leadscoring.crm.FieldPolicy;

/** Chooses the Zoho client: over HTTP when credentials are configured, dry run when none are. */
@ApplicationScoped
public class ZohoCrmProducer {

    private static final Logger LOG = Logger.getLogger(ZohoCrmProducer.class);

    @Produces
    @ApplicationScoped
    Crm zohoCrm(ZohoConfig config) {
        List<String> missing = new ArrayList<>();
        if (config.clientId().isEmpty()) {
            missing.add("zoho.client-id");
        }
        if (config.clientSecret().isEmpty()) {
            missing.add("zoho.client-secret");
        }
        if (config.refreshToken().isEmpty()) {
            missing.add("zoho.refresh-token");
        }
        if (missing.size() == 3) {
            LOG.warn("Zoho credentials are not configured: running dry, nothing is sent to Zoho (see README, Connecting to Zoho)");
            return new DryRunZohoCrm(config.maxConcurrentCalls());
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Zoho is half configured: set " + String.join(", ", missing) + " too, or none of them for a dry run");
        }
        DataCenter dc = DataCenter.of(config.dc());
        LOG.infof("Zoho CRM client for data centre %s (accounts %s)", dc.domain(), config.accountsUrl().orElse(dc.accountsUrl()));
        return HttpZohoCrm.create(config);
    }

    @Produces
    @ApplicationScoped
    FieldMapping fieldMapping(ZohoConfig config) {
        return new FieldMapping(ZohoFields.DEFAULTS, config.leadFields(), config.contactFields(), config.customFields(),
                new FieldPolicy(config.fieldPolicy(), config.customFields().keySet()));
    }
}
