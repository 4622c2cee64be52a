package org.liudong.exchange;

/**
 * The protected header of an envelope: version, algorithms, key id, message id (fixed across retries), type,
 * sender node and county, recipient county (and the node the payload is encrypted for), created instant, due
 * date, the request it answers with that request's hash, the per-person sequence, the payload hash, and the
 * subject as a keyed-hash pseudonym of the ID number.
 */
record Header(
        int v,
        String alg,
        String enc,
        String kid,
        String id,
        String typ,
        String from,
        String fromCounty,
        String toCounty,
        String toNode,
        String created,
        String due,
        String inReplyTo,
        String inReplyToHash,
        long seq,
        String payloadHash,
        String sub) {

    static final int VERSION = 1;
}
