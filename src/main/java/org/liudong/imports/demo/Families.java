package org.liudong.imports.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.liudong.registry.PersonInput.CertificateInput;
import org.liudong.registry.PersonInput.ChildInput;

/**
 * Marriage, children, contraception and the marriage-and-childbearing certificate (婚育证明) of generated
 * persons; the certificate is issued by the population and family-planning bureau of the home county.
 */
final class Families {

    static final LocalDate END_2012 = LocalDate.of(2012, 12, 31);
    private static final LocalDate END_2013 = LocalDate.of(2013, 12, 31);

    private Families() {}

    /** GB/T 2261.2 marital status for a person of this age (at the end of 2012) and sex. */
    static String maritalStatus(int age, String sex, SplittableRandom random) {
        int roll = random.nextInt(100);
        boolean woman = "2".equals(sex);
        if (age < 20) {
            return "10";
        }
        if (age < 25) {
            return roll < (woman ? 42 : 30) ? "20" : "10";
        }
        if (age < 30) {
            return roll < (woman ? 72 : 62) ? "20" : "10";
        }
        if (age < 50) {
            return roll < 88 ? "20" : roll < 90 ? "22" : roll < 94 ? "40" : "10";
        }
        return roll < 86 ? "20" : roll < 94 ? "30" : roll < 97 ? "40" : "10";
    }

    static boolean isMarried(String maritalStatus) {
        return maritalStatus.startsWith("2");
    }

    /** Children born to a woman born on {@code motherBirth}, all before the end of 2012, in birth order. */
    static List<ChildInput> children(LocalDate motherBirth, int age, SplittableRandom random) {
        int roll = random.nextInt(100);
        int count = age < 25
                ? (roll < 50 ? 0 : 1)
                : age < 35 ? (roll < 22 ? 0 : roll < 78 ? 1 : 2) : (roll < 8 ? 0 : roll < 60 ? 1 : roll < 95 ? 2 : 3);
        LocalDate earliest = motherBirth.plusYears(20);
        LocalDate latest = motherBirth.plusYears(42).isBefore(END_2012) ? motherBirth.plusYears(42) : END_2012;
        List<ChildInput> children = new ArrayList<>();
        LocalDate previous = earliest.minusYears(2);
        for (int order = 1; order <= count; order++) {
            LocalDate from = previous.plusYears(2).isAfter(earliest) ? previous.plusYears(2) : earliest;
            if (from.isAfter(latest)) {
                break;
            }
            long span = latest.toEpochDay() - from.toEpochDay();
            LocalDate birth = from.plusDays(random.nextLong(Math.min(span, 2200) + 1));
            children.add(new ChildInput(birth.toString(), random.nextInt(100) < 53 ? "1" : "2", String.valueOf(order)));
            previous = birth;
        }
        return children;
    }

    /** A contraception code for a married woman of childbearing age. */
    static String contraception(int age, SplittableRandom random) {
        int roll = random.nextInt(100);
        if (age >= 45 && roll < 12) {
            return "A30";
        }
        if (roll < 46) {
            return "700";
        }
        if (roll < 68) {
            return "600";
        }
        if (roll < 73) {
            return "100";
        }
        if (roll < 75) {
            return "300";
        }
        if (roll < 76) {
            return "200";
        }
        if (roll < 84) {
            return age >= 30 ? "810" : "700";
        }
        if (roll < 85) {
            return "820";
        }
        if (roll < 89) {
            return "A10";
        }
        if (roll < 93) {
            return age < 42 ? "A20" : "600";
        }
        if (roll < 95) {
            return "500";
        }
        return roll < 98 ? "A90" : "900";
    }

    /** Since when a method is used: after the last child, or after marriage for a woman without children. */
    static LocalDate contraceptionSince(LocalDate birth, List<ChildInput> children, SplittableRandom random) {
        LocalDate from = children.isEmpty()
                ? birth.plusYears(21)
                : LocalDate.parse(children.get(children.size() - 1).birthDate()).plusDays(42);
        if (!from.isBefore(END_2012)) {
            return END_2012;
        }
        long span = END_2012.toEpochDay() - from.toEpochDay();
        return from.plusDays(random.nextLong(Math.min(span, 1500) + 1));
    }

    /** The certificate a woman brought from home, and when the street checked it (mostly within 30 days). */
    static CertificateInput certificate(
            String countyCode,
            String countyName,
            String street,
            LocalDate birth,
            LocalDate movedIn,
            SplittableRandom random) {
        LocalDate issued = movedIn.minusDays(15 + random.nextInt(350));
        if (issued.isBefore(birth.plusYears(18))) {
            issued = birth.plusYears(18);
        }
        LocalDate validUntil = issued.plusYears(3).minusDays(1);
        int roll = random.nextInt(100);
        LocalDate base = issued.isAfter(movedIn) ? issued : movedIn;
        LocalDate checked = roll < 86
                ? base.plusDays(1 + random.nextInt(30))
                : roll < 95 ? base.plusDays(31 + random.nextInt(120)) : null;
        if (checked != null && checked.isAfter(END_2013)) {
            checked = null;
        }
        String number = Origins.abbreviation(countyCode) + "婚育证" + countyCode + "-" + issued.getYear() + "-"
                + String.format("%05d", random.nextInt(100_000));
        return new CertificateInput(
                number,
                countyName + "人口和计划生育局",
                issued.toString(),
                validUntil.toString(),
                checked == null ? null : checked.toString(),
                checked == null ? null : street + "街道计生办");
    }
}
