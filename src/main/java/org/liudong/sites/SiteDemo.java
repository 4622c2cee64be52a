package org.liudong.sites;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.liudong.org.OrgLevel;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.liudong.org.ServiceSite;
import org.liudong.org.ServiceSites;
import org.liudong.org.SiteDetails;
import org.liudong.org.SiteModel;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo data for the sites programme: sites of all four models under a district's communities, with
 * organisations, publicity updates and activities over 2011–2013 and admissions that roughly follow the
 * briefing's rollout (pilots in 2011, about 40% by 2012, 70% by 2013). It runs without a signed-in user, for
 * the demo generator, which places persons in the returned sites afterwards; the ledger item of the four ones
 * then follows from how many it places against each site's estimated headcount.
 */
@Component
public class SiteDemo {

    private static final String[] SURNAMES = {
        "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"
    };
    private static final String[] GIVEN = {
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平"
    };
    private static final String[] MARKETS = {"农贸市场", "综合市场", "建材市场", "小商品市场", "果蔬批发市场"};
    private static final String[] BUILDINGS = {"大厦", "商务楼", "科技园", "写字楼"};
    private static final String[] TOPICS = {
        "优生优育健康讲座", "流动人口计生政策宣传", "免费孕检服务", "妇女健康检查", "春节联欢会", "法律维权咨询", "防灾减灾知识讲座", "子女入学政策咨询", "趣味运动会", "免费避孕药具发放"
    };
    private static final Activity.Kind[] KINDS = {
        Activity.Kind.LECTURE, Activity.Kind.FAMILY_PLANNING, Activity.Kind.HEALTH_CHECK, Activity.Kind.HEALTH_CHECK,
        Activity.Kind.CULTURE_SPORTS, Activity.Kind.CONSULTATION, Activity.Kind.LECTURE, Activity.Kind.CONSULTATION,
        Activity.Kind.CULTURE_SPORTS, Activity.Kind.FAMILY_PLANNING
    };
    private static final LocalDate END = LocalDate.of(2013, 12, 31);

    private final OrgUnits orgUnits;
    private final ServiceSites sites;
    private final SiteRecords records;
    private final Admissions admissions;

    SiteDemo(OrgUnits orgUnits, ServiceSites sites, SiteRecords records, Admissions admissions) {
        this.orgUnits = orgUnits;
        this.sites = sites;
        this.records = records;
        this.admissions = admissions;
    }

    /** One generated site, for the person generator: place about {@code estimatedHeadcount} persons in it. */
    public record DemoSite(
            long id, String communityCode, SiteModel model, int estimatedHeadcount, LocalDate establishedOn) {}

    /** The generated sites per community code. */
    public record Result(Map<String, List<DemoSite>> byCommunity) {

        public List<Long> siteIds(String communityCode) {
            return byCommunity.getOrDefault(communityCode, List.of()).stream()
                    .map(DemoSite::id)
                    .toList();
        }

        public int size() {
            return byCommunity.values().stream().mapToInt(List::size).sum();
        }
    }

    @Transactional
    public Result generate(String districtCode, Random random) {
        OrgUnit district = orgUnits.get(districtCode);
        Map<String, List<DemoSite>> byCommunity = new LinkedHashMap<>();
        for (OrgUnit community : orgUnits.within(district.path(), OrgLevel.COMMUNITY)) {
            List<DemoSite> created = new ArrayList<>();
            String shortName = community.name().replace("社区居委会", "").replace("社区", "");
            if (random.nextDouble() < 0.9) {
                created.add(site(community, SiteModel.COMMUNITY, shortName + "新居民温馨驿站", "新居民温馨驿站", random));
            }
            if (random.nextDouble() < 0.45) {
                created.add(site(
                        community,
                        SiteModel.BASEMENT,
                        shortName + (1 + random.nextInt(20)) + "号楼地下室",
                        "地下室管理站",
                        random));
            }
            if (random.nextDouble() < 0.2) {
                created.add(site(community, SiteModel.MARKET, shortName + pick(MARKETS, random), "市场流动人口服务站", random));
            }
            if (random.nextDouble() < 0.2) {
                created.add(
                        site(community, SiteModel.BUILDING, shortName + pick(BUILDINGS, random), "楼宇流动人口服务站", random));
            }
            if (!created.isEmpty()) {
                byCommunity.put(community.code(), List.copyOf(created));
            }
        }
        return new Result(byCommunity);
    }

    private DemoSite site(OrgUnit community, SiteModel model, String name, String station, Random random) {
        int headcount = switch (model) {
            case COMMUNITY -> 80 + random.nextInt(320);
            case BASEMENT -> 40 + random.nextInt(160);
            case MARKET -> 60 + random.nextInt(240);
            case BUILDING -> 100 + random.nextInt(400);
        };
        Integer capacity = switch (model) {
            case COMMUNITY -> null;
            case BASEMENT -> headcount + random.nextInt(30);
            case MARKET -> headcount / 2 + random.nextInt(20);
            case BUILDING -> 10 + random.nextInt(50);
        };
        // a quarter are the 2011 pilots, the rest opened during 2011–2012
        LocalDate established = random.nextDouble() < 0.25
                ? LocalDate.of(2011, 1, 1).plusDays(random.nextInt(120))
                : LocalDate.of(2011, 5, 1).plusDays(random.nextInt(600));
        ServiceSite site = sites.create(
                community.code(),
                new SiteDetails(name, model, station, community.name() + "辖区", headcount, capacity, established));
        organisation(site, established, random);
        publicity(site, established, random);
        activities(site, established, random);
        admission(site, established, random);
        return new DemoSite(site.id(), community.code(), model, headcount, established);
    }

    private void organisation(ServiceSite site, LocalDate since, Random random) {
        records.addMember(site.id(), SiteMember.Kind.HEAD, "站长", person(random), phone(random), since);
        boolean noStaff = random.nextDouble() < 0.08;
        int staff = noStaff ? 0 : 1 + random.nextInt(3);
        for (int i = 0; i < staff; i++) {
            String duty = i == 0 ? "信息员" : "协管员";
            long id = records.addMember(site.id(), SiteMember.Kind.STAFF, duty, person(random), phone(random), since);
            double change = random.nextDouble();
            if (change < 0.15) {
                // replaced in time when people change
                LocalDate on = since.plusDays(200 + random.nextInt(400));
                if (on.isBefore(END)) {
                    records.endMember(id, on);
                    records.addMember(site.id(), SiteMember.Kind.STAFF, duty, person(random), phone(random), on);
                }
            } else if (change < 0.22) {
                // left in 2013 and nobody took over
                LocalDate on = LocalDate.of(2013, 1, 1).plusDays(random.nextInt(300));
                records.endMember(id, on);
                records.addMember(site.id(), SiteMember.Kind.STAFF, duty, null, null, on);
            }
        }
        for (int i = random.nextInt(5); i > 0; i--) {
            records.addMember(site.id(), SiteMember.Kind.VOLUNTEER, "志愿者", person(random), phone(random), since);
        }
        if (random.nextDouble() < 0.3) {
            records.saveAssociation(
                    site.id(),
                    new Association(
                            site.name() + "流动人口协会",
                            person(random),
                            20 + random.nextInt(150),
                            since.plusDays(random.nextInt(200))));
        }
    }

    private void publicity(ServiceSite site, LocalDate since, Random random) {
        if (random.nextDouble() < 0.05) {
            return;
        }
        records.savePublicity(site.id(), site.model() == SiteModel.BASEMENT ? "温馨提示板" : "计生政策宣传栏", "站点入口");
        // some sites keep their board fresh, others let it lapse in 2013
        LocalDate stop = random.nextDouble() < 0.3 ? LocalDate.of(2013, 3, 1).plusDays(random.nextInt(200)) : END;
        for (LocalDate on = since.plusDays(random.nextInt(30));
                !on.isAfter(stop);
                on = on.plusDays(45 + random.nextInt(55))) {
            records.addPublicityUpdate(site.id(), on, "更新" + pick(TOPICS, random) + "内容", "demo");
        }
    }

    private void activities(ServiceSite site, LocalDate since, Random random) {
        for (int year = 2011; year <= 2013; year++) {
            int count = random.nextDouble() < 0.12 ? 0 : 1 + random.nextInt(6);
            for (int i = 0; i < count; i++) {
                LocalDate on = LocalDate.of(year, 1, 1).plusDays(random.nextInt(365));
                if (on.isBefore(since) || on.isAfter(END)) {
                    continue;
                }
                int topic = random.nextInt(TOPICS.length);
                records.addActivity(
                        site.id(),
                        on,
                        KINDS[topic],
                        TOPICS[topic],
                        random.nextBoolean() ? "社区计生专干" : "街道计生办",
                        10 + random.nextInt(80),
                        List.of(),
                        "demo");
            }
        }
    }

    /** Pilots admitted in 2011, then about 40% admitted by the end of 2012 and 70% by the end of 2013. */
    private void admission(ServiceSite site, LocalDate established, Random random) {
        double draw = random.nextDouble();
        int year = draw < 0.12 ? 2011 : draw < 0.46 ? 2012 : draw < 0.76 ? 2013 : 0;
        if (year == 0) {
            return;
        }
        LocalDate applied = LocalDate.of(year, 1, 10).plusDays(random.nextInt(280));
        if (applied.isBefore(established)) {
            applied = established.plusDays(30);
        }
        if (applied.getYear() > year) {
            return;
        }
        LocalDate checked = applied.plusDays(5 + random.nextInt(20));
        LocalDate admitted = checked.plusDays(5 + random.nextInt(30));
        if (admitted.getYear() > year) {
            admitted = LocalDate.of(year, 12, 31);
            checked = checked.isAfter(admitted) ? admitted : checked;
        }
        ServiceSite current = sites.get(site.id());
        admissions.applyUnchecked(current, applied, "demo", null);
        admissions.checkUnchecked(current, true, checked, "demo", rectify(current, checked));
        admissions.admitUnchecked(current, true, admitted, "demo", rectify(current, admitted));
    }

    /** The note a street or district gives when it lets a site in before all four ones are met. */
    private String rectify(ServiceSite site, LocalDate on) {
        return admissions.fourOnesMet(site, on) ? null : "四个一尚未全部达标，先行纳入，限期整改";
    }

    private static String person(Random random) {
        return pick(SURNAMES, random) + pick(GIVEN, random) + (random.nextBoolean() ? pick(GIVEN, random) : "");
    }

    private static String phone(Random random) {
        return "13" + (100_000_000 + random.nextInt(900_000_000));
    }

    private static <T> T pick(T[] values, Random random) {
        return values[random.nextInt(values.length)];
    }
}
