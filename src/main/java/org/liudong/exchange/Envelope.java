package org.liudong.exchange;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;

/**
 * A signed message, shaped like a JSON Web Signature in flattened JSON form: the protected header and the
 * payload as base64url text, and the signature over {@code protected + "." + payload}. The header is checked
 * as the raw bytes it arrived in and never re-serialised.
 */
public record Envelope(@JsonProperty("protected") String protectedHeader, String payload, String signature) {

    byte[] signingInput() {
        return (protectedHeader + "." + payload).getBytes(StandardCharsets.US_ASCII);
    }

    /** The hash a reply quotes to bind itself to this request. */
    String hash() {
        return Codec.b64(Codec.sha256(signingInput()));
    }
}
