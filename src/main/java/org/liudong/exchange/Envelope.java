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
}
