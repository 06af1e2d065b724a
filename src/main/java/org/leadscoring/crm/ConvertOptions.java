package org.leadscoring.crm;

import java.util.Map;

/**
 * How to convert a Lead: whether to notify its owner, and optionally a Deal to create with it (Zoho field API
 * names, e.g. {@code Deal_Name}, {@code Stage}, {@code Pipeline}, {@code Closing_Date}).
 */
public record ConvertOptions(boolean notifyLeadOwner, Map<String, Object> deal) {

    public static final ConvertOptions DEFAULT = new ConvertOptions(false, null);
}
