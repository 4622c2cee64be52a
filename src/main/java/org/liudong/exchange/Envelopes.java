package org.liudong.exchange;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;

/**
 * Seals envelopes with this node's key (encrypting personal payloads for the node that serves the recipient
 * county) and checks envelopes from others: algorithm, key, signature, payload hash, type, version, the
 * sender's right to its county and the clock window. A hub checks the same but never decrypts.
 */
final class Envelopes {

    private final Directory directory;
    private final NodeKeys keys;
    private final ExchangeSettings settings;
    private final Clock clock;

    /** Until when envelopes up to {@link #RESEND_AGE} old are accepted: a restored node asked for them again. */
    private volatile Instant olderAcceptedUntil = Instant.MIN;

    /** How long senders keep sent messages for a restored peer, with a day's margin. */
    static final java.time.Duration RESEND_AGE = java.time.Duration.ofDays(36);

    Envelopes(Directory directory, NodeKeys keys, ExchangeSettings settings, Clock clock) {
        this.directory = directory;
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
    }

    /** What a new message says before it is sealed. */
    record Draft(
            String id,
            MessageType type,
            String fromCounty,
            String toCounty,
            Instant created,
            LocalDate due,
            String inReplyTo,
            String inReplyToHash,
            long seq,
            String subject,
            byte[] payload) {}

    /** A checked envelope: its header, the node that signed it, and the plain payload when it is for us. */
    record Opened(Envelope envelope, Header header, Node sender, MessageType type, byte[] payload) {

        boolean readable() {
            return payload != null;
        }
    }

    /** Thrown when no known node serves the recipient county, so the payload cannot be encrypted yet. */
    static final class NoRoute extends RuntimeException {
        NoRoute(String county) {
            super("No known node serves county " + county);
        }
    }

    /** Seals one message with a signature of its own. */
    Envelope seal(Draft draft) {
        Unsigned unsigned = prepare(draft, Algorithms.EDDSA);
        byte[] signature = Algorithms.sign(Algorithms.EDDSA, keys.signing().getPrivate(), unsigned.signingInput());
        return new Envelope(unsigned.protectedHeader(), unsigned.payload(), Codec.b64(signature));
    }

    /**
     * Seals many messages with one signature over a hash tree of them; each envelope still opens on its own.
     * A draft for a county no known node serves yields {@code null} in its place.
     */
    List<Envelope> sealAll(List<Draft> drafts) {
        List<Unsigned> unsigned = new ArrayList<>(drafts.size());
        List<byte[]> inputs = new ArrayList<>(drafts.size());
        for (Draft draft : drafts) {
            try {
                Unsigned prepared = prepare(draft, Algorithms.EDDSA_TREE);
                unsigned.add(prepared);
                inputs.add(prepared.signingInput());
            } catch (NoRoute e) {
                unsigned.add(null);
            }
        }
        List<Algorithms.TreeSignature> signatures = inputs.isEmpty()
                ? List.of()
                : Algorithms.signTree(keys.signing().getPrivate(), inputs);
        List<Envelope> sealed = new ArrayList<>(drafts.size());
        int next = 0;
        for (Unsigned prepared : unsigned) {
            if (prepared == null) {
                sealed.add(null);
                continue;
            }
            Algorithms.TreeSignature signature = signatures.get(next++);
            sealed.add(new Envelope(
                    prepared.protectedHeader(),
                    prepared.payload(),
                    Codec.b64(signature.signature()),
                    signature.path()));
        }
        return sealed;
    }

    private record Unsigned(String protectedHeader, String payload) {
        byte[] signingInput() {
            return (protectedHeader + "." + payload).getBytes(StandardCharsets.US_ASCII);
        }
    }

    private Unsigned prepare(Draft draft, String alg) {
        Node self = directory.self();
        String enc = Algorithms.NONE;
        String toNode = null;
        byte[] payload = draft.payload();
        if (draft.type().personal()) {
            Node recipient = directory.serving(draft.toCounty()).orElseThrow(() -> new NoRoute(draft.toCounty()));
            if (recipient.agreementKey() == null) {
                throw new NoRoute(draft.toCounty());
            }
            enc = Algorithms.X25519_STATIC_A256GCM;
            toNode = recipient.code();
            payload = Algorithms.encryptStatic(payload, keys.agreement(), recipient.agreementKey(), draft.id());
        }
        String payloadText = Codec.b64(payload);
        Header header = new Header(
                Header.VERSION,
                alg,
                enc,
                self.keyId(),
                draft.id(),
                draft.type().name(),
                self.code(),
                draft.fromCounty(),
                draft.toCounty(),
                toNode,
                draft.created().toString(),
                draft.due() == null ? null : draft.due().toString(),
                draft.inReplyTo(),
                draft.inReplyToHash(),
                draft.seq(),
                Codec.sha256Text(payloadText),
                draft.subject());
        return new Unsigned(Codec.b64(Codec.JSON.writeValueAsBytes(header)), payloadText);
    }

    /** After a restore: accept messages sent again by peers, up to {@link #RESEND_AGE} old, until {@code until}. */
    void acceptOlderUntil(Instant until) {
        olderAcceptedUntil = until;
    }

    /** A checked control message (a directory, a resync request): who signed it and what it says. */
    record Control(Node sender, Instant created, tools.jackson.databind.JsonNode payload) {}

    /**
     * Signs a control message of {@code typ} (not an exchange message type, so it can never be applied as
     * one): header {@code v, alg, kid, id, typ, from, created}, payload a JSON object.
     */
    Envelope signControl(String typ, Object payload) {
        Node self = directory.self();
        java.util.Map<String, Object> header = new java.util.LinkedHashMap<>();
        header.put("v", Header.VERSION);
        header.put("alg", Algorithms.EDDSA);
        header.put("kid", self.keyId());
        header.put("id", java.util.UUID.randomUUID().toString());
        header.put("typ", typ);
        header.put("from", self.code());
        header.put(
                "created",
                clock.instant()
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .toString());
        String protectedHeader = Codec.b64(Codec.JSON.writeValueAsBytes(header));
        String payloadText = Codec.b64(Codec.JSON.writeValueAsBytes(payload));
        byte[] signature = Algorithms.sign(
                Algorithms.EDDSA,
                keys.signing().getPrivate(),
                (protectedHeader + "." + payloadText).getBytes(StandardCharsets.US_ASCII));
        return new Envelope(protectedHeader, payloadText, Codec.b64(signature));
    }

    /**
     * Checks a control message: a known key, a signature that verifies, the expected {@code typ}, the signer
     * named in {@code from}, and a creation time no later than the accepted clock skew.
     */
    Control openControl(Envelope envelope, String typ) {
        if (envelope == null
                || envelope.protectedHeader() == null
                || envelope.payload() == null
                || envelope.signature() == null) {
            throw ExchangeRefused.malformed("An envelope needs protected, payload and signature");
        }
        tools.jackson.databind.JsonNode header;
        try {
            header = Codec.JSON.readTree(Codec.unb64(envelope.protectedHeader()));
        } catch (JacksonException | IllegalArgumentException e) {
            throw ExchangeRefused.malformed("The protected header is not base64url JSON");
        }
        if (header.path("v").asInt() != Header.VERSION
                || !Algorithms.EDDSA.equals(header.path("alg").asString(""))) {
            throw new ExchangeRefused(400, "unsupported-algorithm", "Version or algorithm not supported");
        }
        if (!typ.equals(header.path("typ").asString(""))) {
            throw new ExchangeRefused(400, "unknown-type", "Expected a " + typ);
        }
        Node sender = directory
                .byKeyId(header.path("kid").asString(""))
                .orElseThrow(() -> new ExchangeRefused(401, "unknown-key", "No known node has this key"));
        byte[] signature;
        try {
            signature = Codec.unb64(envelope.signature());
        } catch (IllegalArgumentException e) {
            throw new ExchangeRefused(401, "bad-signature", "The signature is not base64url");
        }
        if (!sender.code().equals(header.path("from").asString(""))
                || envelope.tree() != null
                || !Algorithms.verify(Algorithms.EDDSA, sender.signingKey(), envelope.signingInput(), signature)) {
            throw new ExchangeRefused(401, "bad-signature", "The signature does not verify");
        }
        Instant created;
        try {
            created = Instant.parse(header.path("created").asString(""));
        } catch (DateTimeParseException e) {
            throw ExchangeRefused.malformed("created is not an instant");
        }
        if (created.isAfter(clock.instant().plus(settings.maxSkew()))) {
            throw new ExchangeRefused(400, "from-the-future", "Created " + created + ", ahead of this node's clock");
        }
        try {
            return new Control(sender, created, Codec.JSON.readTree(Codec.unb64(envelope.payload())));
        } catch (JacksonException | IllegalArgumentException e) {
            throw ExchangeRefused.malformed("The payload is not base64url JSON");
        }
    }

    Envelope parse(String json) {
        try {
            Envelope envelope = Codec.JSON.readValue(json, Envelope.class);
            if (envelope == null
                    || envelope.protectedHeader() == null
                    || envelope.payload() == null
                    || envelope.signature() == null) {
                throw ExchangeRefused.malformed("An envelope needs protected, payload and signature");
            }
            return envelope;
        } catch (JacksonException e) {
            throw ExchangeRefused.malformed("The body is not an envelope");
        }
    }

    Opened open(Envelope envelope) {
        Header header = header(envelope);
        if (header.v() != Header.VERSION) {
            throw new ExchangeRefused(400, "unsupported-version", "Version " + header.v() + " is not supported");
        }
        if (Algorithms.signatureAlgorithm(header.alg()).isEmpty()
                || header.enc() == null
                || !Algorithms.ENCRYPTIONS.contains(header.enc())) {
            throw new ExchangeRefused(400, "unsupported-algorithm", "Algorithm not on the allow-list");
        }
        Node sender = directory
                .byKeyId(String.valueOf(header.kid()))
                .orElseThrow(() -> new ExchangeRefused(401, "unknown-key", "No known node has key " + header.kid()));
        byte[] signature;
        try {
            signature = Codec.unb64(envelope.signature());
        } catch (IllegalArgumentException e) {
            throw new ExchangeRefused(401, "bad-signature", "The signature is not base64url");
        }
        if (!sender.code().equals(header.from()) || !signatureHolds(header.alg(), sender, envelope, signature)) {
            throw new ExchangeRefused(401, "bad-signature", "The signature does not verify");
        }
        if (!Codec.sha256Text(envelope.payload()).equals(header.payloadHash())) {
            throw new ExchangeRefused(400, "payload-hash-mismatch", "The payload does not match its hash");
        }
        MessageType type = MessageType.parse(header.typ())
                .orElseThrow(() -> new ExchangeRefused(400, "unknown-type", "Unknown message type " + header.typ()));
        if (header.fromCounty() == null || !sender.speaksFor(header.fromCounty())) {
            throw new ExchangeRefused(
                    403,
                    "sender-not-serving-county",
                    "Node " + sender.code() + " does not serve county " + header.fromCounty());
        }
        checkClock(header);
        if (header.id() == null || header.toCounty() == null) {
            throw ExchangeRefused.malformed("A message needs an id and a recipient county");
        }
        if (type.personal() && Algorithms.NONE.equals(header.enc())) {
            throw new ExchangeRefused(400, "unencrypted", "Personal data must be encrypted for the recipient");
        }
        return new Opened(envelope, header, sender, type, readablePayload(envelope, header, sender));
    }

    /** A single signature over the envelope, or a batch signature with the envelope's path to its root. */
    private static boolean signatureHolds(String alg, Node sender, Envelope envelope, byte[] signature) {
        if (Algorithms.EDDSA_TREE.equals(alg)) {
            return envelope.tree() != null
                    && envelope.tree().size() <= 64
                    && Algorithms.verifyTree(sender.signingKey(), envelope.signingInput(), signature, envelope.tree());
        }
        return envelope.tree() == null
                && Algorithms.verify(alg, sender.signingKey(), envelope.signingInput(), signature);
    }

    private byte[] readablePayload(Envelope envelope, Header header, Node sender) {
        byte[] bytes;
        try {
            bytes = Codec.unb64(envelope.payload());
        } catch (IllegalArgumentException e) {
            throw ExchangeRefused.malformed("The payload is not base64url");
        }
        if (Algorithms.NONE.equals(header.enc())) {
            return bytes;
        }
        if (!directory.self().code().equals(header.toNode())) {
            return null; // encrypted for another node: a hub forwards it unread
        }
        try {
            if (Algorithms.X25519_STATIC_A256GCM.equals(header.enc())) {
                if (sender.agreementKey() == null) {
                    throw new ExchangeRefused(400, "undecryptable", "The sender's agreement key is not known here");
                }
                return Algorithms.decryptStatic(bytes, keys.agreement(), sender.agreementKey(), header.id());
            }
            return Algorithms.decrypt(bytes, keys.agreement(), header.id());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new ExchangeRefused(400, "undecryptable", "The payload cannot be decrypted by this node");
        }
    }

    private void checkClock(Header header) {
        Instant created;
        try {
            created = Instant.parse(String.valueOf(header.created()));
        } catch (DateTimeParseException e) {
            throw ExchangeRefused.malformed("created is not an instant");
        }
        Instant now = clock.instant();
        java.time.Duration maxAge = now.isBefore(olderAcceptedUntil) ? RESEND_AGE : settings.maxAge();
        if (created.isBefore(now.minus(maxAge))) {
            throw new ExchangeRefused(400, "expired", "Created " + created + ", older than " + maxAge);
        }
        if (created.isAfter(now.plus(settings.maxSkew()))) {
            throw new ExchangeRefused(400, "from-the-future", "Created " + created + ", ahead of this node's clock");
        }
    }

    private static Header header(Envelope envelope) {
        try {
            return Codec.JSON.readValue(Codec.unb64(envelope.protectedHeader()), Header.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw ExchangeRefused.malformed("The protected header is not base64url JSON");
        }
    }
}
