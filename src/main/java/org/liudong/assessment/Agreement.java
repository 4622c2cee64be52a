package org.liudong.assessment;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.liudong.exchange.ExchangeRecords.Item;
import org.liudong.exchange.MessageType;

/**
 * A cooperation agreement (区域协作协议, e.g. 京津冀 or 苏鲁豫皖): member counties or provinces, the message
 * types it covers (none listed: all) and stricter deadlines for some of them between members.
 */
public record Agreement(
        long id,
        String name,
        List<String> members,
        List<MessageType> types,
        List<Deadline> deadlines,
        String createdBy,
        Instant createdAt) {

    /** A deadline of {@code days} days (working days when {@code workingDays}) for one covered type. */
    public record Deadline(MessageType type, int days, boolean workingDays) {}

    public Agreement {
        members = List.copyOf(members);
        types = List.copyOf(types);
        deadlines = List.copyOf(deadlines);
    }

    /** Whether a county is a member, itself or through its province. */
    public boolean member(String county) {
        return county != null && members.stream().anyMatch(code -> county.startsWith(code));
    }

    public boolean covers(MessageType type) {
        return types.isEmpty() || types.contains(type);
    }

    /**
     * Whether a message counts under the agreement: between two members, and of a covered type, or answering,
     * disputing or correcting such a message (answers and corrections follow their request).
     */
    boolean counts(Item item, Set<java.util.UUID> coveredRequests) {
        if (!member(item.fromCounty()) || !member(item.toCounty())) {
            return false;
        }
        if (covers(item.type())) {
            return true;
        }
        if (item.inReplyTo() != null) {
            return coveredRequests.contains(item.inReplyTo()) || item.type() == MessageType.DISPUTE;
        }
        return item.type() == MessageType.CHANGE_NOTICE;
    }
}
