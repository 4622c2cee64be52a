package org.liudong.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The nodes this node knows, itself first, with their keys and counties, and the route to a county: the node
 * serving it when that node is this one or has an address, otherwise a hub.
 */
final class Directory {

    private final Node self;
    private final List<Node> configured;
    private volatile List<Node> peers;

    Directory(Node self, List<Node> peers) {
        this.self = self;
        this.configured = List.copyOf(peers);
        this.peers = this.configured;
    }

    /**
     * Takes the nodes of a checked, current published directory: they replace configured entries of the same
     * code and add the others; this node's own entry is never replaced. {@code null} forgets what was learned
     * (the published directory expired), leaving the configured peers.
     */
    void learn(List<Node> published) {
        if (published == null) {
            peers = configured;
            return;
        }
        java.util.Map<String, Node> merged = new java.util.LinkedHashMap<>();
        for (Node node : configured) {
            merged.put(node.code(), node);
        }
        for (Node node : published) {
            if (!node.code().equals(self.code())) {
                merged.put(node.code(), node);
            }
        }
        peers = List.copyOf(merged.values());
    }

    static Directory of(NodeSettings settings, NodeKeys keys) {
        Node self = new Node(
                settings.code(),
                settings.url(),
                keys.signing().getPublic(),
                keys.agreement().getPublic(),
                settings.counties(),
                settings.hub());
        List<Node> peers = new ArrayList<>();
        for (NodeSettings.Peer peer : settings.peers()) {
            peers.add(new Node(
                    peer.code(),
                    peer.url(),
                    Codec.publicKey(NodeKeys.SIGNING, peer.signingKey()),
                    peer.agreementKey() == null || peer.agreementKey().isBlank()
                            ? null
                            : Codec.publicKey(NodeKeys.AGREEMENT, peer.agreementKey()),
                    peer.counties(),
                    peer.hub()));
        }
        return new Directory(self, peers);
    }

    Node self() {
        return self;
    }

    List<Node> all() {
        return Stream.concat(Stream.of(self), peers.stream()).toList();
    }

    Optional<Node> byKeyId(String keyId) {
        return all().stream().filter(n -> n.keyId().equals(keyId)).findFirst();
    }

    Optional<Node> byCode(String code) {
        return all().stream().filter(n -> n.code().equals(code)).findFirst();
    }

    /** The node that serves a county (this one first), if any is known. */
    Optional<Node> serving(String county) {
        return all().stream().filter(n -> n.counties().contains(county)).findFirst();
    }

    boolean servesLocally(String county) {
        return self.counties().contains(county);
    }

    /** Where to post a message for a county: this node, the serving node if reachable, else a hub. */
    Optional<Node> nextHop(String county) {
        Optional<Node> serving = serving(county);
        if (serving.isPresent() && (serving.get() == self || serving.get().reachable())) {
            return serving;
        }
        if (self.hub()) {
            return Optional.empty();
        }
        return peers.stream().filter(n -> n.hub() && n.reachable()).findFirst();
    }
}
