package org.liudong.exchange;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * This deployment as a node ({@code liudong.node.*}): its code, the county-level codes it serves, whether it
 * is a plain node or the hub, and the peers it knows; with {@code directory-url} it also loads the directory a
 * hub publishes, signed by a hub among its configured peers.
 */
@ConfigurationProperties("liudong.node")
record NodeSettings(
        @DefaultValue("110107") String code,
        @DefaultValue("110107") List<String> counties,
        @DefaultValue("node") Mode mode,
        @DefaultValue("") String url,
        List<Peer> peers,
        @DefaultValue("") String directoryUrl) {

    enum Mode {
        NODE,
        HUB
    }

    /**
     * A known node: its public keys (base64url X.509), the counties it serves, and its address; a node without
     * an address is reached through a hub.
     */
    record Peer(String code, String url, String signingKey, String agreementKey, List<String> counties, boolean hub) {

        Peer {
            counties = counties == null ? List.of() : List.copyOf(counties);
        }
    }

    NodeSettings {
        counties = List.copyOf(counties);
        peers = peers == null ? List.of() : List.copyOf(peers);
    }

    boolean hub() {
        return mode == Mode.HUB;
    }
}
