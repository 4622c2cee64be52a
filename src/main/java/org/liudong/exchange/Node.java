package org.liudong.exchange;

import java.security.PublicKey;
import java.util.List;

/** A node of the exchange as the directory knows it; {@code url} is empty for a node reached through a hub. */
record Node(String code, String url, PublicKey signingKey, PublicKey agreementKey, List<String> counties, boolean hub) {

    Node {
        counties = List.copyOf(counties);
        url = url == null ? "" : url;
    }

    String keyId() {
        return Codec.keyId(code, signingKey);
    }

    /** A node speaks for the counties it serves and, for receipts, for its own code. */
    boolean speaksFor(String county) {
        return counties.contains(county) || code.equals(county);
    }

    boolean reachable() {
        return !url.isEmpty();
    }
}
