package org.liudong.imports.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.shared.IdNumber;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

/** A small demo district (2% of Shijingshan) holds the briefing's figures, is valid and repeats for a seed. */
@SpringBootTest
class DemoDistrictTests {

    private static final double SCALE = 0.02;

    @Autowired
    DemoDistrict district;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void signIn() {
        var user = users.create("demo", Role.DISTRICT_OFFICER, "110107");
        users.signIn(user.username());
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aSmallDistrictHoldsTheBriefingsFigures() {
        DemoDistrict.Result result = district.generate(4711L, SCALE, false);

        assertThat(result.rejected()).isZero();
        assertThat(result.registered()).isEqualTo(result.rows());
        assertThat(result.personIds()).hasSize(result.rows());
        DemoShares shares = DemoShares.of(jdbc, result.personIds());
        assertThat(shares.stock2012()).isEqualTo(Math.round(212_000 * SCALE));
        assertThat(shares.growth2012()).isBetween(0.003, 0.007);
        assertThat(shares.movedOut()).isPositive();
        assertThat(shares.streets("110107011", "110107003", "110107005", "110107004"))
                .isGreaterThan(0.60);
        // the briefing: "超过2万人的街道依次是：鲁谷、八角、苹果园、古城" — those four, in that order, and no other
        long over = Math.round(20_000 * SCALE);
        assertThat(shares.byStreet().entrySet().stream()
                        .filter(street -> street.getValue() > over)
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .map(Map.Entry::getKey))
                .containsExactly("110107011", "110107003", "110107005", "110107004");
        assertThat(shares.streets("110107006", "110107009", "110107010")).isLessThan(0.15);
        assertThat(shares.byProvince().keySet()).startsWith("13", "41");
        assertThat(shares.byEducation().keySet()).first().isEqualTo("70");
        assertThat(shares.aged18to49() / (double) shares.stock2012()).isGreaterThan(0.7);
    }

    @Test
    void theSameSeedGivesTheSamePersonsAndAnotherSeedOthers() {
        List<DemoPerson> first = district.preview(99L, 0.01);
        List<DemoPerson> again = district.preview(99L, 0.01);
        List<DemoPerson> other = district.preview(100L, 0.01);

        assertThat(again).isEqualTo(first);
        assertThat(ids(other)).isNotEqualTo(ids(first));
    }

    @Test
    void idNumbersAreValidUniqueAndMatchHouseholdSexAndBirth() {
        List<DemoPerson> persons = district.preview(7L, 0.01);

        Set<String> seen = new HashSet<>();
        for (DemoPerson person : persons) {
            var input = person.input();
            IdNumber.Check check = IdNumber.check(input.idNumber());
            assertThat(check.valid()).as(input.idNumber()).isTrue();
            assertThat(seen.add(input.idNumber()))
                    .as("unique " + input.idNumber())
                    .isTrue();
            assertThat(check.addressCode()).isEqualTo(input.householdCode());
            assertThat(check.sex()).isEqualTo(input.sex());
            assertThat(check.birthDate())
                    .isBefore(LocalDate.parse(input.residence().movedIn()));
            assertThat(input.residence().communityCode()).startsWith("110107").hasSize(12);
            if (person.movedOut() != null) {
                assertThat(person.movedOut())
                        .isAfter(LocalDate.parse(input.residence().movedIn()));
            }
            if (input.spouse() != null && input.spouse().idNumber() != null) {
                assertThat(IdNumber.check(input.spouse().idNumber()).valid()).isTrue();
            }
        }
    }

    @Test
    void marriedWomenCarryContraceptionChildrenAndCertificatesFromTheirHomeCounty() {
        List<DemoPerson> women = district.preview(8L, 0.01).stream()
                .filter(p ->
                        "2".equals(p.input().sex()) && "20".equals(p.input().maritalStatus()))
                .filter(p -> IdNumber.check(p.input().idNumber()).birthDate().isAfter(LocalDate.of(1964, 1, 1)))
                .toList();

        assertThat(women).isNotEmpty();
        assertThat(women)
                .allSatisfy(w -> assertThat(w.input().contraceptionCode()).isNotNull());
        assertThat(women.stream().filter(w -> !w.input().children().isEmpty()).count())
                .isGreaterThan(women.size() / 2);
        assertThat(women.stream().filter(w -> w.input().certificate() != null))
                .isNotEmpty()
                .allSatisfy(w -> assertThat(w.input().certificate().issuer()).endsWith("人口和计划生育局"));
    }

    private static List<String> ids(List<DemoPerson> persons) {
        return persons.stream().map(p -> p.input().idNumber()).toList();
    }
}
