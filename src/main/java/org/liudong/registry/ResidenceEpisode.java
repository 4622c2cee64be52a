package org.liudong.registry;

import java.time.LocalDate;
import org.springframework.data.relational.core.mapping.Table;

/** One residence episode (居住登记): a community, an address, from when to when, and why it ended. */
@Table("residence_episode")
public record ResidenceEpisode(
        String communityCode,
        Long siteId,
        String orgPath,
        String address,
        String housingType,
        LocalDate movedIn,
        LocalDate movedOut,
        String reason,
        boolean expectsReturn,
        String destinationCode,
        String endKind) {

    public boolean isOpen() {
        return movedOut == null;
    }

    ResidenceEpisode close(LocalDate on, String kind, String destination) {
        return new ResidenceEpisode(
                communityCode,
                siteId,
                orgPath,
                address,
                housingType,
                movedIn,
                on,
                reason,
                expectsReturn,
                destination,
                kind);
    }
}
