package org.leadscoring.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.leadscoring.api.InvalidRequestException;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Zap payloads, JSON and form, into a prospect and an activity. */
class PayloadParserTest {

    final PayloadParser parser = new PayloadParser(new FieldAliases(Map.of()), new ObjectMapper(), new PayloadParser.Limits(300, 200, 20_000));

    @Test
    void givenAFormFill_thenKnownFieldsByAlias_theRestAsCustomAttributes() {
        ParsedIntake p = parser.prospect(parser.fromJson("{\"Email\":\" Ann@Northwind.IO \",\"First Name\":\"Ann\",\"Company Size\":\"51-200\","
                + "\"Country\":\"United States\",\"favourite_colour\":\"teal\",\"activity\":\"webinar_attended\",\"at\":\"2026-11-30\"}"), "web_form");

        assertThat(p.prospect().email()).isEqualTo("ann@northwind.io");
        assertThat(p.prospect().firstName()).isEqualTo("Ann");
        assertThat(p.prospect().employeeCount()).isEqualTo(125);
        assertThat(p.prospect().country()).isEqualTo("US");
        assertThat(p.prospect().custom()).containsEntry("favourite_colour", "teal");
        assertThat(p.activityType()).isEqualTo("webinar_attended");
        assertThat(p.activityAt()).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
    }

    @Test
    void givenNoActivity_thenTheEndpointsDefault() {
        assertThat(parser.prospect(Map.of("email", "a@northwind.io"), "web_form").activityType()).isEqualTo("web_form");
    }

    @Test
    void givenNestedObjects_thenFlattenedByPath() {
        Map<String, Object> fields = parser.fromJson("{\"lead\":{\"email\":\"b@northwind.io\",\"company\":{\"name\":\"Northwind\"}}}");
        ParsedIntake p = parser.prospect(fields, "web_form");
        assertThat(p.prospect().email()).isEqualTo("b@northwind.io");
    }

    @Test
    void givenBadValues_thenEveryBadFieldIsNamedAsItWasSent() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Work Email", "not-an-email");
        fields.put("Employees", "many");
        assertThatThrownBy(() -> parser.prospect(fields, "web_form")).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.fields()).extracting(f -> f.field()).contains("Employees"));
        assertThatThrownBy(() -> parser.prospect(Map.of("first_name", "Ann"), "web_form")).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.fields()).extracting(f -> f.field()).containsExactly("email"));
    }

    @Test
    void givenAnEvent_thenEmailTypeAndTime_theRestAsProperties() {
        ParsedIntake e = parser.activity(Map.of("email", "c@northwind.io", "type", "pricing_page_visit", "occurred_at", "2026-11-29T08:00:00Z",
                "page", "/pricing"));
        assertThat(e.activityType()).isEqualTo("pricing_page_visit");
        assertThat(e.activityAt()).isEqualTo(Instant.parse("2026-11-29T08:00:00Z"));
        assertThat(e.activityProperties()).containsEntry("page", "/pricing");
        assertThatThrownBy(() -> parser.activity(Map.of("email", "c@northwind.io"))).isInstanceOfSatisfying(InvalidRequestException.class,
                x -> assertThat(x.fields()).extracting(f -> f.field()).containsExactly("type"));
    }

    @Test
    void givenTooManyFields_thenRefusedBeforeReadingThem() {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (int i = 0; i < 400; i++) {
            form.put("f" + i, List.of("1"));
        }
        assertThatThrownBy(() -> parser.fromForm(form)).isInstanceOf(InvalidRequestException.class);
    }
}
