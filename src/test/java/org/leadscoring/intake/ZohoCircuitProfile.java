package org.leadscoring.intake;

import java.util.HashMap;
import java.util.Map;

import org.leadscoring.crm.zoho.FakeZoho;

/** A fake Zoho of its own, slow retries, and a circuit that opens after three failed calls and probes after five seconds (the queued intakes are sent well within that). */
public class ZohoCircuitProfile extends FakeZohoProfile {

    public static final FakeZoho ZOHO = new FakeZoho();

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("zoho.accounts-url", ZOHO.url());
        config.put("zoho.api-url", ZOHO.url());
        // Each failing call retries for 1.5 s or more, as Zoho's retries do: without the circuit, every intake would wait that long.
        config.put("zoho.retry.max-attempts", "3");
        config.put("zoho.retry.initial-backoff", "1s");
        config.put("zoho.retry.max-backoff", "2s");
        config.put("zoho.retry.max-total", "10s");
        config.put("zoho.circuit.failures", "3");
        config.put("zoho.circuit.delay", "5s");
        return config;
    }
}
