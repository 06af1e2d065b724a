package org.leadscoring.intake;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.leadscoring.api.InvalidRequestException;

/**
 * Reads an {@code application/x-www-form-urlencoded} body strictly: percent escapes must be two hex digits and
 * the bytes they make must be valid in the body's charset — UTF-8 when the request names none, as Zapier sends —
 * so a malformed byte is refused instead of reaching Zoho as a replacement character.
 */
final class FormBody {

    private FormBody() {
    }

    /** The fields in the order sent; a field sent several times keeps each value. */
    static Map<String, List<String>> parse(byte[] body, Charset charset) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), charset);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), charset);
            if (name.isBlank()) {
                throw new InvalidRequestException("body", "is not a valid form: a field has no name");
            }
            fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return fields;
    }

    private static String decode(String part, Charset charset) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                int high = i + 1 < part.length() ? Character.digit(part.charAt(i + 1), 16) : -1;
                int low = i + 2 < part.length() ? Character.digit(part.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw new InvalidRequestException("body", "is not a valid form: % must be followed by two hex digits");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException("body", "is not valid " + charset.name() + " text: send the form in UTF-8");
        }
    }
}
