package org.liudong.eligibility;

import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.liudong.divisions.Division;
import org.liudong.divisions.DivisionNotFound;
import org.liudong.divisions.Divisions;
import org.liudong.shared.InvalidFields;
import org.liudong.shared.InvalidFields.Violation;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Classifies a person by Decree 555 Art. 2 (PRODUCT §5.1): a chain of named policies, the first that applies
 * decides, and every result says which article and why.
 */
@Service
@EnableConfigurationProperties(EligibilityProperties.class)
public class Decree555 {

    private final Divisions divisions;
    private final EligibilityProperties properties;

    Decree555(Divisions divisions, EligibilityProperties properties) {
        this.divisions = divisions;
        this.properties = properties;
    }

    /** One rule of the chain; answers a classification when it decides the case. */
    interface Policy {
        Optional<Classification> decide(Facts facts);
    }

    /** The input with its divisions resolved. */
    record Facts(ClassificationInput input, Division household, Division residence) {}

    public Classification classify(ClassificationInput input) {
        Facts facts = new Facts(
                input, county(input.householdCode(), "householdCode"), county(input.residenceCode(), "residenceCode"));
        for (Policy policy : policies()) {
            Optional<Classification> decided = policy.decide(facts);
            if (decided.isPresent()) {
                return decided.get();
            }
        }
        throw new IllegalStateException("The last policy always decides");
    }

    private List<Policy> policies() {
        return List.of(
                Decree555::sameCounty,
                Decree555::shortStay,
                this::localExclusion,
                Decree555::separatedWithinCity,
                this::childbearingAge);
    }

    static Optional<Classification> sameCounty(Facts facts) {
        if (!facts.household().code().equals(facts.residence().code())) {
            return Optional.empty();
        }
        return Optional.of(new Classification(
                Category.LOCAL, "第二条", "户籍地与现居住地同为" + label(facts.residence()) + "，未离开户籍所在的县、市、市辖区，不属于流动人口。"));
    }

    static Optional<Classification> shortStay(Facts facts) {
        Purpose purpose = facts.input().purpose();
        if (!purpose.isShortStay() || !facts.input().expectsReturn()) {
            return Optional.empty();
        }
        return Optional.of(new Classification(
                Category.TEMPORARY, "第二条第（一）项", "因" + purpose.nameZh() + "离开户籍地且预期返回，属于第二条第（一）项排除的情形，不属于流动人口。"));
    }

    Optional<Classification> localExclusion(Facts facts) {
        Purpose purpose = facts.input().purpose();
        if (!properties.extraExclusions().contains(purpose)) {
            return Optional.empty();
        }
        return Optional.of(new Classification(
                Category.TEMPORARY,
                properties.extraExclusionArticle(),
                "因" + purpose.nameZh() + "离开户籍地，按本地规定不作为流动人口管理。"));
    }

    static Optional<Classification> separatedWithinCity(Facts facts) {
        Division household = facts.household();
        Division residence = facts.residence();
        boolean sameCity =
                household.code().substring(0, 4).equals(residence.code().substring(0, 4));
        if (!sameCity || !household.isDistrict() || !residence.isDistrict()) {
            return Optional.empty();
        }
        return Optional.of(new Classification(
                Category.SEPARATED,
                "第二条第（二）项",
                "户籍地" + label(household) + "与现居住地" + label(residence) + "同为一个直辖市或设区的市的市辖区，属于市内人户分离，不属于流动人口。"));
    }

    Optional<Classification> childbearingAge(Facts facts) {
        ClassificationInput input = facts.input();
        int age = Period.between(input.birthDate(), input.referenceDate()).getYears();
        boolean male = "1".equals(input.sex());
        int min = male ? properties.maleMinAge() : properties.femaleMinAge();
        int max = male ? properties.maleMaxAge() : properties.femaleMaxAge();
        String away = "离开户籍地" + label(facts.household()) + "到" + label(facts.residence()) + "居住（"
                + input.purpose().nameZh() + "），";
        if (age >= min && age <= max) {
            return Optional.of(new Classification(
                    Category.FLOATING_FP,
                    "第二条",
                    away + age + "周岁，属于成年育龄人员（" + min + "–" + max + "周岁），纳入流动人口计划生育服务管理。"));
        }
        return Optional.of(new Classification(
                Category.FLOATING_OTHER,
                "第二条",
                away + age + "周岁，不在育龄范围（" + min + "–" + max + "周岁），登记为流动人口，不纳入计划生育服务管理。"));
    }

    private Division county(String code, String field) {
        try {
            Division division = divisions.get(code);
            if (division.type() == null) {
                throw new InvalidFields(List.of(new Violation(field, "NOT_COUNTY", "代码" + code + "不是县级行政区划")));
            }
            return division;
        } catch (DivisionNotFound e) {
            throw new InvalidFields(List.of(new Violation(field, "UNKNOWN_CODE", "行政区划代码" + code + "不存在")));
        }
    }

    private static String label(Division division) {
        String name = division.name() == null ? "" : division.name();
        return name + "（" + division.code() + (division.historical() ? "，已撤销" : "") + "）";
    }
}
