package org.liudong.exchange;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A signed message, shaped like a JSON Web Signature in flattened JSON form: the protected header and the
 * payload as base64url text, and the signature over {@code protected + "." + payload}. The header is checked
 * as the raw bytes it arrived in and never re-serialised. An envelope signed in a batch ({@code alg}
 * {@code EdDSA-MT}) also carries {@code tree}, the path from its signing input's hash to the signed root.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope(
        @JsonProperty("protected") String protectedHeader, String payload, String signature, List<String> tree) {

    public Envelope(String protectedHeader, String payload, String signature) {
        this(protectedHeader, payload, signature, null);
    }

    byte[] signingInput() {
        return (protectedHeader + "." + payload).getBytes(StandardCharsets.US_ASCII);
    }

    /** The hash a reply quotes to bind itself to this request. */
    String hash() {
        return Codec.b64(Codec.sha256(signingInput()));
    }

    /**
     * {@link #hash()} of an envelope stored as JSON text, without parsing it: the protected header and the payload
     * are base64url (no escapes), so their values are read between their quotes. Text written otherwise (other
     * field order, escapes, spaces) is parsed.
     */
    static String hashOfJson(String json) {
        String header = quoted(json, "\"protected\":\"");
        String payload = quoted(json, "\"payload\":\"");
        if (header == null || payload == null) {
            return Codec.JSON.readValue(json, Envelope.class).hash();
        }
        return new Envelope(header, payload, null).hash();
    }

    private static String quoted(String json, String key) {
        int start = json.indexOf(key);
        if (start < 0 || json.indexOf(key, start + 1) >= 0) {
            return null;
        }
        start += key.length();
        int end = json.indexOf('"', start);
        if (end < 0) {
            return null;
        }
        for (int i = start; i < end; i++) {
            char c = json.charAt(i);
            boolean base64url =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!base64url) {
                return null;
            }
        }
        return json.substring(start, end);
    }
}
