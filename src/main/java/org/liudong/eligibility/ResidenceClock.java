package org.liudong.eligibility;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.liudong.eligibility.ServiceFacts.Stay;

/**
 * Since when a person has lived in the district without a break: a move within the district continues the
 * clock, a move out stops it, and coming back starts it again.
 */
public final class ResidenceClock {

    private ResidenceClock() {}

    /** The start of the current unbroken residence, or empty when the person does not live here now. */
    public static Optional<LocalDate> since(List<Stay> stays) {
        List<Stay> ordered = stays.size() < 2
                ? stays
                : stays.stream().sorted(Comparator.comparing(Stay::movedIn)).toList();
        LocalDate start = null;
        Stay previous = null;
        for (Stay stay : ordered) {
            boolean continues = previous != null && "MOVED_WITHIN".equals(previous.endKind());
            if (!continues) {
                start = stay.movedIn();
            }
            previous = stay;
        }
        if (previous == null || previous.movedOut() != null) {
            return Optional.empty();
        }
        return Optional.ofNullable(start);
    }
}
