package org.liudong.imports.demo;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.liudong.imports.demo.DistrictReference.Community;
import org.liudong.imports.demo.DistrictReference.County;
import org.liudong.imports.demo.DistrictReference.Street;
import org.liudong.registry.PersonInput;
import org.liudong.registry.PersonInput.ChildInput;
import org.liudong.registry.PersonInput.ResidenceInput;
import org.liudong.registry.PersonInput.SpouseInput;

/**
 * The persons of the demo district, generated one by one from a seed without touching the database: the same
 * seed, scale and reference data always give the same rows. Marginals follow the briefing (street shares,
 * origins, age, education, occupations); {@link Timeline} decides who arrives and leaves when.
 */
final class DemoPopulation {

    /**
     * Shares of the end-of-year stock per street, in per mille. The briefing names the streets over 20,000 in order,
     * 鲁谷, 八角, 苹果园, 古城, together over 60% (here 72%), so the others stay under 20,000 (under 9.4% of
     * 212,000: 八宝山 8.5%, 老山 7.5%); the west (金顶街, 五里坨, 广宁) holds under 15% (here 12%).
     */
    static final Map<String, Integer> STREET_SHARES = Map.of(
            "110107011",
            215,
            "110107003",
            190,
            "110107005",
            170,
            "110107004",
            145,
            "110107001",
            85,
            "110107002",
            75,
            "110107006",
            50,
            "110107010",
            40,
            "110107009",
            30);

    /** Age bands at the end of 2012 (from, to inclusive) with their share in per mille: 77% are 18–49. */
    private static final int[][] AGE_BANDS = {
        {0, 5, 50},
        {6, 14, 50},
        {15, 17, 20},
        {18, 24, 170},
        {25, 29, 170},
        {30, 34, 140},
        {35, 39, 120},
        {40, 44, 100},
        {45, 49, 70},
        {50, 54, 50},
        {55, 59, 30},
        {60, 69, 30}
    };

    private static final String[] TOWNS = {
        "城关", "王庄", "李庄", "张村", "高桥", "新集", "柳林", "南关", "北街", "大营", "石桥", "河西", "东关", "双庙", "刘集", "马店"
    };
    private static final String[] VILLAGES = {"前", "后", "东", "西", "南", "北", "大", "小", "新", "老"};
    private static final String[] ROADS = {"解放", "建设", "人民", "和平", "胜利", "新华", "光明", "文化"};

    private final long seed;
    private final double scale;
    private final Weighted<Street> streets = new Weighted<>();
    private final Origins origins;
    private final Weighted<int[]> ages = new Weighted<>();

    DemoPopulation(long seed, double scale, DistrictReference reference) {
        if (!(scale > 0 && scale <= 5)) {
            throw new IllegalArgumentException("Scale must be above 0 and at most 5, not " + scale);
        }
        this.seed = seed;
        this.scale = scale;
        for (Street street : reference.streets()) {
            if (!street.communities().isEmpty()) {
                streets.add(street, STREET_SHARES.getOrDefault(street.code(), 0));
            }
        }
        if (streets.isEmpty()) {
            throw new IllegalStateException("No communities of Shijingshan in the org tree");
        }
        this.origins = new Origins(reference.countiesByProvince());
        for (int[] band : AGE_BANDS) {
            ages.add(band, band[2]);
        }
    }

    /** Generates every row in order; answers how many there were. */
    int forEach(Consumer<DemoPerson> sink) {
        SplittableRandom root = new SplittableRandom(seed);
        Timeline timeline = Timeline.of(scale, root.split());
        SplittableRandom random = root.split();
        Set<String> idNumbers = new HashSet<>(timeline.size() * 2);
        for (int i = 0; i < timeline.size(); i++) {
            sink.accept(person(i + 1, timeline.movedIn[i], timeline.movedOut[i], random, idNumbers));
        }
        return timeline.size();
    }

    private DemoPerson person(
            int row, LocalDate movedIn, LocalDate movedOut, SplittableRandom random, Set<String> idNumbers) {
        int age = 0;
        LocalDate birth = null;
        for (int attempt = 0; attempt < 30 && (birth == null || !birth.isBefore(movedIn)); attempt++) {
            int[] band = ages.pick(random);
            age = attempt < 29 ? band[0] + random.nextInt(band[1] - band[0] + 1) : 30;
            birth = Families.END_2012.minusYears(age).minusDays(random.nextInt(365));
        }
        String sex = random.nextInt(100) < (age < 18 ? 52 : 55) ? "1" : "2";
        County county = origins.pick(random);
        String idNumber = IdNumbers.unique(county.code(), birth, sex, random, idNumbers);
        Street street = streets.pick(random);
        Community community = Weighted.any(street.communities(), random);
        String marital = Families.maritalStatus(age, sex, random);
        Work.Job job = Work.job(age, sex, street.shortName(), random);
        boolean woman = "2".equals(sex);
        boolean married = Families.isMarried(marital);
        boolean childbearing = woman && age >= 18 && age <= 49;

        SpouseInput spouse = null;
        List<ChildInput> children = List.of();
        String contraception = null;
        LocalDate contraceptionSince = null;
        String pregnancy = null;
        PersonInput.CertificateInput certificate = null;
        if (married) {
            County spouseCounty = random.nextInt(100) < 85 ? county : origins.pick(random);
            String spouseSex = woman ? "1" : "2";
            String spouseId = woman
                    ? IdNumbers.any(spouseCounty.code(), birth.minusDays(random.nextInt(1500)), spouseSex, random)
                    : null;
            spouse = new SpouseInput(Names.name(spouseSex, random), spouseId, spouseCounty.code());
        }
        if (childbearing && married) {
            children = Families.children(birth, age, random);
            contraception = Families.contraception(age, random);
            contraceptionSince = Families.contraceptionSince(birth, children, random);
            pregnancy = "A20".equals(contraception) ? "PREGNANT" : "NOT_PREGNANT";
        }
        if (childbearing && random.nextInt(100) < (married ? 92 : 45)) {
            certificate =
                    Families.certificate(county.code(), county.name(), street.shortName(), birth, movedIn, random);
        }
        PersonInput input = new PersonInput(
                Names.name(sex, random),
                idNumber,
                sex,
                ethnicity(county.code(), random),
                education(age, random),
                marital,
                random.nextInt(100) < 78 ? "2" : "1",
                county.code(),
                householdAddress(county, random),
                random.nextInt(100) < 92 ? phone(random) : null,
                job.employer(),
                job.occupation(),
                spouse,
                children,
                contraception,
                contraceptionSince == null ? null : contraceptionSince.toString(),
                pregnancy,
                certificate,
                new ResidenceInput(
                        community.code(),
                        address(community, random),
                        housing(random),
                        movedIn.toString(),
                        reason(age, job, random),
                        false));
        return new DemoPerson(row, input, movedOut);
    }

    /** GB/T 4658 education: junior high is the largest group of those aged 6 and over. */
    static String education(int age, SplittableRandom random) {
        int roll = random.nextInt(1000);
        if (age < 6) {
            return null;
        }
        if (age < 12) {
            return "80";
        }
        if (age < 15) {
            return roll < 200 ? "80" : "70";
        }
        if (age < 18) {
            return roll < 500 ? "70" : roll < 800 ? "60" : "40";
        }
        if (age >= 50) {
            return roll < 300 ? "80" : roll < 750 ? "70" : roll < 900 ? "60" : roll < 950 ? "90" : "30";
        }
        return roll < 110
                ? "80"
                : roll < 550
                        ? "70"
                        : roll < 720
                                ? "60"
                                : roll < 800 ? "40" : roll < 890 ? "30" : roll < 970 ? "20" : roll < 985 ? "10" : "90";
    }

    private static String ethnicity(String countyCode, SplittableRandom random) {
        int roll = random.nextInt(1000);
        return switch (countyCode.substring(0, 2)) {
            case "15" -> roll < 150 ? "02" : roll < 170 ? "11" : roll < 180 ? "03" : "01";
            case "22" -> roll < 50 ? "10" : roll < 100 ? "11" : "01";
            case "21" -> roll < 120 ? "11" : roll < 140 ? "02" : "01";
            case "13" -> roll < 30 ? "11" : roll < 50 ? "03" : "01";
            case "41", "37" -> roll < 20 ? "03" : "01";
            case "62" -> roll < 80 ? "03" : roll < 90 ? "26" : "01";
            case "43" -> roll < 50 ? "15" : roll < 80 ? "06" : "01";
            case "51" -> roll < 20 ? "07" : roll < 30 ? "04" : "01";
            case "45" -> roll < 300 ? "08" : "01";
            default -> roll < 8 ? "03" : "01";
        };
    }

    private static String householdAddress(County county, SplittableRandom random) {
        if (county.name().endsWith("区")) {
            return county.name() + ROADS[random.nextInt(ROADS.length)] + "路" + (1 + random.nextInt(300)) + "号";
        }
        return county.name() + TOWNS[random.nextInt(TOWNS.length)] + (random.nextBoolean() ? "镇" : "乡")
                + TOWNS[random.nextInt(TOWNS.length)] + VILLAGES[random.nextInt(VILLAGES.length)] + "村"
                + (1 + random.nextInt(200)) + "号";
    }

    private static String address(Community community, SplittableRandom random) {
        String place = community.name().replace("社区居委会", "社区").replace("村委会", "村");
        if (place.endsWith("村")) {
            return place + (1 + random.nextInt(400)) + "号";
        }
        return place + (1 + random.nextInt(30)) + "号楼" + (1 + random.nextInt(6)) + "单元"
                + (101 + random.nextInt(6) * 100 + random.nextInt(4)) + "室";
    }

    private static String housing(SplittableRandom random) {
        int roll = random.nextInt(100);
        return roll < 58
                ? "RENTED"
                : roll < 70
                        ? "DORMITORY"
                        : roll < 79
                                ? "BASEMENT"
                                : roll < 85
                                        ? "WORKSITE"
                                        : roll < 91
                                                ? "BUSINESS"
                                                : roll < 95 ? "RELATIVES" : roll < 99 ? "OWNED" : "OTHER";
    }

    private static String reason(int age, Work.Job job, SplittableRandom random) {
        if (age < 16 || "料理家务".equals(job.occupation())) {
            return "ACCOMPANYING_FAMILY";
        }
        int roll = random.nextInt(100);
        if (age < 25 && roll < 4) {
            return "STUDY_TRAINING";
        }
        return roll < 86
                ? "WORK_BUSINESS"
                : roll < 91 ? "JOINING_RELATIVES" : roll < 94 ? "JOB_TRANSFER" : roll < 97 ? "MARRIAGE" : "OTHER";
    }

    private static String phone(SplittableRandom random) {
        String[] prefixes = {
            "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "158", "159",
            "186", "188", "189"
        };
        return prefixes[random.nextInt(prefixes.length)] + String.format("%08d", random.nextInt(100_000_000));
    }
}
