package org.leadscoring.intake;

import java.util.List;
import java.util.Locale;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.leadscoring.crm.FieldMapping;
import org.leadscoring.scoring.ProspectFields;

/**
 * {@code GET /api/zapier/fields}: the fields {@code POST /api/zapier/prospects} takes by name, the prospect's fields as a
 * Zap's input fields (label, help, type), and the custom attributes the service carries to Zoho ({@code zoho.custom-fields}).
 * The Zapier app builds its prospect input fields from the last two lists, so a field added to the prospect or a custom
 * attribute mapped here appears in the Zap editor without a new version of the app.
 */
@Path("/api/zapier/fields")
@Produces(MediaType.APPLICATION_JSON)
public class IntakeFieldsResource {

    private final FieldMapping mapping;

    @Inject
    IntakeFieldsResource(FieldMapping mapping) {
        this.mapping = mapping;
    }

    /** A custom attribute: its key in an intake ({@code custom.<key>} or a top-level field), a label, the Zoho field. */
    public record CustomAttribute(String key, String label, String zohoField) {
    }

    /**
     * A prospect field as a Zap's input field: its key, label and help in ops' words, {@code boolean} for a yes/no and
     * {@code string} for everything else (counts and amounts included: forms send "51-200" and "$10M"), and whether an
     * intake needs it.
     */
    public record ProspectField(String key, String label, String type, boolean required, String helpText) {
    }

    /**
     * @param intakeFields     every field an intake takes by name (the prospect's, {@code activity}, {@code activity_at}, {@code model})
     * @param prospectFields   the prospect's fields, in the record's order, as the Zap editor shows them
     * @param customAttributes the custom attributes carried to Zoho
     */
    public record Fields(List<String> intakeFields, List<ProspectField> prospectFields, List<CustomAttribute> customAttributes) {
    }

    @GET
    public Fields fields() {
        List<CustomAttribute> custom = mapping.customFields().entrySet().stream()
                .map(e -> new CustomAttribute(e.getKey(), label(e.getKey()), e.getValue())).toList();
        List<ProspectField> prospect = ProspectFields.all().stream().filter(f -> f.label() != null)
                .map(f -> new ProspectField(f.name(), f.label(), f.flag() ? "boolean" : "string", f.name().equals("email"), f.help())).toList();
        return new Fields(List.copyOf(FieldAliases.fields()), prospect, custom);
    }

    /** "seat_count" → "Seat count". */
    static String label(String key) {
        String words = key.replace('_', ' ').replace('-', ' ').trim();
        return words.isEmpty() ? key : words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }
}
