package org.liudong.sites;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.liudong.org.OrgLevel;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.liudong.org.ServiceSite;
import org.liudong.org.ServiceSites;
import org.liudong.registry.SiteLedger;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.InvalidInput;
import org.springframework.stereotype.Service;

/**
 * Computes the four ones from live data: per site and year, and rolled up over a community, street or
 * district with how many sites meet each one and all four. Reads are scoped to the signed-in user.
 */
@Service
public class FourOnesAssessment {

    private final ServiceSites sites;
    private final OrgUnits orgUnits;
    private final SiteRecords records;
    private final SiteLedger ledger;
    private final SitesProperties properties;

    FourOnesAssessment(
            ServiceSites sites, OrgUnits orgUnits, SiteRecords records, SiteLedger ledger, SitesProperties properties) {
        this.sites = sites;
        this.orgUnits = orgUnits;
        this.records = records;
        this.ledger = ledger;
        this.properties = properties;
    }

    /** A site's four ones for a year, judged on its last day or, in the current year, today. */
    public FourOnes forSite(long siteId, int year) {
        ServiceSite site = sites.get(siteId);
        CurrentScope.check(site.path());
        LocalDate asOf = FourOnesRules.asOf(requireYear(year), LocalDate.now());
        return compute(List.of(site), asOf).get(siteId);
    }

    /** How many sites meet each of the four ones and all four. */
    public record Counts(int sites, int ledger, int organisation, int publicity, int service, int allMet) {

        static Counts of(List<FourOnes> results) {
            return new Counts(
                    results.size(),
                    (int) results.stream().filter(r -> r.ledger().met()).count(),
                    (int) results.stream().filter(r -> r.organisation().met()).count(),
                    (int) results.stream().filter(r -> r.publicity().met()).count(),
                    (int) results.stream().filter(r -> r.service().met()).count(),
                    (int) results.stream().filter(FourOnes::allMet).count());
        }
    }

    /** One site's result for a drill-down. */
    public record SiteResult(ServiceSite site, FourOnes fourOnes) {}

    /** A unit's counts, one row per child unit (streets of a district, communities of a street), and its sites. */
    public record RollUp(OrgUnit unit, int year, LocalDate asOf, Counts total, List<Row> rows, List<SiteResult> sites) {

        /** A child unit's counts. */
        public record Row(OrgUnit unit, Counts counts) {}
    }

    public RollUp rollUp(String unitCode, int year) {
        OrgUnit unit = orgUnits.visible(unitCode);
        LocalDate asOf = FourOnesRules.asOf(requireYear(year), LocalDate.now());
        List<ServiceSite> existing = sites.within(unit.path()).stream()
                .filter(site -> site.existsOn(asOf))
                .toList();
        Map<Long, FourOnes> results = compute(existing, asOf);
        List<SiteResult> siteResults = existing.stream()
                .map(site -> new SiteResult(site, results.get(site.id())))
                .toList();
        List<RollUp.Row> rows = new ArrayList<>();
        OrgLevel childLevel = childLevel(unit.level());
        if (childLevel != null) {
            for (OrgUnit child : orgUnits.within(unit.path(), childLevel)) {
                List<FourOnes> childResults = siteResults.stream()
                        .filter(result -> child.path().contains(result.site().path()))
                        .map(SiteResult::fourOnes)
                        .toList();
                if (!childResults.isEmpty()) {
                    rows.add(new RollUp.Row(child, Counts.of(childResults)));
                }
            }
            rows.sort(Comparator.comparing(row -> row.unit().code()));
        }
        return new RollUp(unit, year, asOf, Counts.of(List.copyOf(results.values())), rows, siteResults);
    }

    /** The four ones of these sites on a date, without checks; for the services of this module. */
    Map<Long, FourOnes> compute(List<ServiceSite> siteList, LocalDate asOf) {
        Map<Long, FourOnes> results = new LinkedHashMap<>();
        if (siteList.isEmpty()) {
            return results;
        }
        List<Long> ids = siteList.stream().map(ServiceSite::id).toList();
        var ledgerCounts = ledger.counts(ids, asOf);
        var members = records.membersOn(ids, asOf);
        var publicity = records.lastPublicityUpdates(ids, asOf);
        var activities = records.activityCounts(ids, LocalDate.of(asOf.getYear(), 1, 1), asOf);
        for (ServiceSite site : siteList) {
            var counts = ledgerCounts.getOrDefault(site.id(), SiteLedger.Counts.NONE);
            results.put(
                    site.id(),
                    new FourOnes(
                            site.id(),
                            asOf.getYear(),
                            asOf,
                            FourOnesRules.ledger(
                                    counts.registered(),
                                    counts.updated(),
                                    site.estimatedHeadcount(),
                                    properties.coverageTarget()),
                            FourOnesRules.organisation(members.getOrDefault(site.id(), List.of())),
                            FourOnesRules.publicity(publicity.get(site.id()), asOf, properties.publicityDays()),
                            FourOnesRules.service(activities.getOrDefault(site.id(), 0))));
        }
        return results;
    }

    static int requireYear(int year) {
        if (year < 2000 || year > LocalDate.now().getYear()) {
            throw new InvalidInput("year", "年份应在2000年到今年之间");
        }
        return year;
    }

    private static OrgLevel childLevel(OrgLevel level) {
        return switch (level) {
            case CITY -> OrgLevel.DISTRICT;
            case DISTRICT -> OrgLevel.STREET;
            case STREET -> OrgLevel.COMMUNITY;
            case COMMUNITY -> null;
        };
    }
}
