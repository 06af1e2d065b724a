package org.leadscoring.intake;

import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.leadscoring.crm.zoho.FieldMapping;

/**
 * {@code GET /api/zapier/fields}: the fields {@code POST /api/zapier/prospects} takes by name, and the custom attributes
 * the service carries to Zoho ({@code zoho.custom-fields}). The Zapier app builds its dynamic input fields from the
 * second list, so a custom attribute mapped here appears in the Zap editor without a new version of the app.
 */
@Path("/api/zapier/fields")
@Produces(MediaType.APPLICATION_JSON)
public class IntakeFieldsResource {

    @Inject
    FieldMapping mapping;

    /** A custom attribute: its key in an intake ({@code custom.<key>} or a top-level field), a label, the Zoho field. */
    public record CustomAttribute(String key, String label, String zohoField) {
    }

    public record Fields(List<String> intakeFields, List<CustomAttribute> customAttributes) {
    }

    @GET
    public Fields fields() {
        List<CustomAttribute> custom = mapping.customFields().entrySet().stream()
                .map(e -> new CustomAttribute(e.getKey(), label(e.getKey()), e.getValue())).toList();
        return new Fields(List.copyOf(FieldAliases.fields()), custom);
    }

    /** "seat_count" → "Seat count". */
    static String label(String key) {
        String words = key.replace('_', ' ').replace('-', ' ').trim();
        return words.isEmpty() ? key : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
