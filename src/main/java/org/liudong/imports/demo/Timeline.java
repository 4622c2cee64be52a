package org.liudong.imports.demo;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * When each generated person moved in and (if they did) out. The stock at the end of each year follows
 * {@link #STOCK} scaled: about 212,000 at the end of 2012, 0.5% more than at the end of 2011 as the briefing
 * reports; each year about 6% of those present leave and enough arrive to reach the next year's stock.
 */
final class Timeline {

    static final int FIRST_YEAR = 2010;
    static final int LAST_YEAR = 2013;

    /** The floating population at the end of 2009, 2010, 2011, 2012 and 2013 at full size. */
    static final int[] STOCK = {200_900, 206_300, 210_945, 212_000, 213_400};

    private static final double LEAVING_PER_YEAR = 0.06;

    final LocalDate[] movedIn;
    final LocalDate[] movedOut;

    private Timeline(int size) {
        movedIn = new LocalDate[size];
        movedOut = new LocalDate[size];
    }

    int size() {
        return movedIn.length;
    }

    static Timeline of(double scale, SplittableRandom random) {
        int[] stock = new int[STOCK.length];
        for (int i = 0; i < stock.length; i++) {
            stock[i] = (int) Math.round(STOCK[i] * scale);
        }
        int[] leaving = new int[stock.length];
        int total = stock[0];
        for (int i = 1; i < stock.length; i++) {
            leaving[i] = (int) Math.round(stock[i - 1] * LEAVING_PER_YEAR);
            total += stock[i] - stock[i - 1] + leaving[i];
        }
        Timeline timeline = new Timeline(total);
        int[] active = new int[total];
        int activeCount = 0;
        int next = 0;
        for (; next < stock[0]; next++) {
            timeline.movedIn[next] = earlierArrival(random);
            active[activeCount++] = next;
        }
        for (int i = 1; i < stock.length; i++) {
            int year = FIRST_YEAR + i - 1;
            for (int k = 0; k < leaving[i]; k++) {
                int pick = random.nextInt(activeCount);
                timeline.movedOut[active[pick]] = dayOf(year, random);
                active[pick] = active[--activeCount];
            }
            int arriving = stock[i] - activeCount;
            for (int k = 0; k < arriving; k++, next++) {
                timeline.movedIn[next] = dayOf(year, random);
                active[activeCount++] = next;
            }
        }
        return timeline;
    }

    /** Arrival of someone still here at the end of 2009: recent years weigh more. */
    private static LocalDate earlierArrival(SplittableRandom random) {
        int roll = random.nextInt(100);
        int year = roll < 5
                ? 2003
                : roll < 11 ? 2004 : roll < 19 ? 2005 : roll < 30 ? 2006 : roll < 45 ? 2007 : roll < 68 ? 2008 : 2009;
        return dayOf(year, random);
    }

    static LocalDate dayOf(int year, SplittableRandom random) {
        LocalDate first = LocalDate.of(year, 1, 1);
        return first.plusDays(random.nextInt(first.lengthOfYear()));
    }
}
