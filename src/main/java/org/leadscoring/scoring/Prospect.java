package org.leadscoring.scoring;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A person who may become a customer, as rules see them: who they are, where they work, and whether they
 * have bought. Activities are separate facts.
 */
@JsonIgnoreProperties(value = { "email_domain", "email_local_part", "free_email", "industry_key", "seniority" }, allowGetters = true)
public record Prospect(
        @NotBlank(message = "is required") @Mailbox @Email(regexp = ".+@[^@.]+(\\.[^@.]+)+", message = "is not a valid email address") @Size(max = 254) String email,
        @Size(max = 100) String firstName,
        @Size(max = 100) String lastName,
        @Size(max = 200) String company,
        @Size(max = 200) String title,
        @Size(max = 50) String phone,
        @Size(max = 100) String country,
        @Size(max = 100) String industry,
        @JsonDeserialize(using = FormValues.CountReader.class) @Schema(anyOf = { Integer.class, String.class }, description = FORM_COUNT)
        @PositiveOrZero(message = "must not be negative") Integer employeeCount,
        @JsonDeserialize(using = FormValues.WholeAmountReader.class) @Schema(anyOf = { Long.class, String.class }, description = FORM_AMOUNT)
        @PositiveOrZero(message = "must not be negative") Long annualRevenue,
        @Size(max = 100) String leadSource,
        @JsonDeserialize(using = FormValues.FlagOrFalseReader.class) @Schema(anyOf = { Boolean.class, String.class }, description = FORM_FLAG) boolean purchased,
        @JsonDeserialize(using = FormValues.AmountReader.class) @Schema(anyOf = { BigDecimal.class, String.class }, description = FORM_AMOUNT)
        @PositiveOrZero(message = "must not be negative") BigDecimal purchaseAmount,
        @JsonDeserialize(using = FormValues.FlagReader.class) @Schema(anyOf = { Boolean.class, String.class }, description = FORM_FLAG) Boolean emailOptIn,
        @JsonDeserialize(using = FormValues.FlagOrFalseReader.class) @Schema(anyOf = { Boolean.class, String.class }, description = FORM_FLAG) boolean doNotContact,
        Map<String, Object> custom) {

    /** What the API's document says of counts and amounts sent as text (read by {@link FormValues}). */
    static final String FORM_FLAG = "true or false, or text as forms send it: yes/no, on/off, 1/0, checked.";
    static final String FORM_COUNT = "A whole number, or text as forms send it: \"1,200\", \"51-200\" (the band's middle), \"1,000+\".";
    static final String FORM_AMOUNT = "A number, or text as forms send it: \"$10M\", \"€2,5 Mio.\", \"1-5M\" (the band's middle); no currency is converted.";

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Memo<String, String> INDUSTRY_KEYS = new Memo<>(
            industry -> WHITESPACE.matcher(industry.trim().toLowerCase(Locale.ROOT).replace("&", "and")).replaceAll(" "), 10_000);

    public Prospect {
        custom = custom == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(custom));
    }

    /** A prospect with only an email; the other fields unknown. */
    public static Prospect ofEmail(String email) {
        return builder(email).build();
    }

    /** A prospect built by field name, starting from their email; every field not set is unknown (flags false). */
    public static Builder builder(String email) {
        return new Builder().email(email);
    }

    /** A builder holding this prospect's fields, to change some by name. */
    public Builder toBuilder() {
        return new Builder().email(email).firstName(firstName).lastName(lastName).company(company).title(title).phone(phone).country(country)
                .industry(industry).employeeCount(employeeCount).annualRevenue(annualRevenue).leadSource(leadSource).purchased(purchased)
                .purchaseAmount(purchaseAmount).emailOptIn(emailOptIn).doNotContact(doNotContact).custom(custom);
    }

    /** The same prospect in another country. */
    public Prospect withCountry(String newCountry) {
        return toBuilder().country(newCountry).build();
    }

    /** Builds a {@link Prospect} by field name: the one place that calls its constructor with every field in order. */
    public static final class Builder {
        private String email;
        private String firstName;
        private String lastName;
        private String company;
        private String title;
        private String phone;
        private String country;
        private String industry;
        private Integer employeeCount;
        private Long annualRevenue;
        private String leadSource;
        private boolean purchased;
        private BigDecimal purchaseAmount;
        private Boolean emailOptIn;
        private boolean doNotContact;
        private Map<String, Object> custom;

        private Builder() {
        }

        public Builder email(String v) { email = v; return this; }
        public Builder firstName(String v) { firstName = v; return this; }
        public Builder lastName(String v) { lastName = v; return this; }
        public Builder company(String v) { company = v; return this; }
        public Builder title(String v) { title = v; return this; }
        public Builder phone(String v) { phone = v; return this; }
        public Builder country(String v) { country = v; return this; }
        public Builder industry(String v) { industry = v; return this; }
        public Builder employeeCount(Integer v) { employeeCount = v; return this; }
        public Builder annualRevenue(Long v) { annualRevenue = v; return this; }
        public Builder leadSource(String v) { leadSource = v; return this; }
        public Builder purchased(boolean v) { purchased = v; return this; }
        public Builder purchaseAmount(BigDecimal v) { purchaseAmount = v; return this; }
        public Builder emailOptIn(Boolean v) { emailOptIn = v; return this; }
        public Builder doNotContact(boolean v) { doNotContact = v; return this; }
        public Builder custom(Map<String, Object> v) { custom = v; return this; }

        public Prospect build() {
            return new Prospect(email, firstName, lastName, company, title, phone, country, industry, employeeCount, annualRevenue, leadSource,
                    purchased, purchaseAmount, emailOptIn, doNotContact, custom);
        }
    }

    /**
     * The same prospect with its fields tidied the way every source should be: the email in its canonical spelling
     * ({@link EmailAddress#canonical}),
     * names trimmed, blank strings as unknown, the country as an ISO code.
     */
    public Prospect normalised() {
        return toBuilder().email(EmailAddress.canonical(email)).firstName(clean(firstName)).lastName(clean(lastName)).company(clean(company))
                .title(clean(title)).phone(clean(phone)).country(Countries.normalise(country)).industry(clean(industry))
                .leadSource(clean(leadSource)).purchased(purchased || (purchaseAmount != null && purchaseAmount.signum() > 0)).build();
    }

    /** The part of the email after the {@code @}, lower-cased; rules compare it with domain lists. */
    @JsonProperty("email_domain")
    public String getEmailDomain() {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        return at < 0 ? null : email.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** The part of the email before the {@code @}, lower-cased. */
    @JsonProperty("email_local_part")
    public String getEmailLocalPart() {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        return (at < 0 ? email : email.substring(0, at)).toLowerCase(Locale.ROOT);
    }

    /** Whether the email is at a consumer provider such as Gmail or Outlook rather than an employer's domain. */
    @JsonProperty("free_email")
    public boolean isFreeEmail() {
        String domain = getEmailDomain();
        return domain != null && FreeEmailDomains.DOMAINS.contains(domain);
    }

    /** The industry lower-cased with "&" spelt "and", so rules compare one spelling: "saas", "financial services". */
    @JsonProperty("industry_key")
    public String getIndustryKey() {
        return industry == null ? null : INDUSTRY_KEYS.get(industry);
    }

    /** The seniority read from the title. */
    @JsonProperty("seniority")
    public Seniority getSeniority() {
        return Seniority.of(title);
    }

    private static String clean(String s) {
        if (s == null) {
            return null;
        }
        String trimmed = WHITESPACE.matcher(s.trim()).replaceAll(" ");
        return trimmed.isEmpty() ? null : trimmed;
    }
}
