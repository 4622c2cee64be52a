/**
 * Inter-region exchange (信息共享, 一盘棋): nodes and their directory, signed envelopes, a transactional outbox
 * and inbox with receipts and per-person ordering, hub forwarding, deadlines and the clerk's work.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "divisions", "registry", "security", "audit", "services", "imports :: demo"})
package org.liudong.exchange;
