package org.liudong.sites;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.liudong.org.OrgLevel;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.liudong.org.ServiceSite;
import org.liudong.org.ServiceSites;
import org.liudong.org.SiteModel;
import org.springframework.stereotype.Service;

/**
 * The programme's rollout: sites admitted by the end of a year over the sites that existed then, against
 * the year's target (40% in 2012, 70% in 2013, 100% in 2014), for a unit and per street and model.
 */
@Service
public class Rollout {

    private final ServiceSites sites;
    private final OrgUnits orgUnits;
    private final Admissions admissions;
    private final SitesProperties properties;

    Rollout(ServiceSites sites, OrgUnits orgUnits, Admissions admissions, SitesProperties properties) {
        this.sites = sites;
        this.orgUnits = orgUnits;
        this.admissions = admissions;
        this.properties = properties;
    }

    /** Admitted sites over all sites, their share and the year's target (null before the first target year). */
    public record Figure(int admitted, int total, BigDecimal share, BigDecimal target) {

        /** Whether the share reaches the target; true when there is no target. */
        public boolean reached() {
            return target == null || (share != null && share.compareTo(target) >= 0);
        }
    }

    /** A unit's rollout with rows per street and per model. */
    public record Report(OrgUnit unit, int year, Figure total, List<Row> byStreet, List<ModelRow> byModel) {

        /** One street's figure. */
        public record Row(OrgUnit unit, Figure figure) {}

        /** One model's figure. */
        public record ModelRow(SiteModel model, Figure figure) {}
    }

    public Figure forUnit(String unitCode, int year) {
        return report(unitCode, year).total();
    }

    public Report report(String unitCode, int year) {
        OrgUnit unit = orgUnits.visible(unitCode);
        FourOnesAssessment.requireYear(year);
        LocalDate end = LocalDate.of(year, 12, 31);
        List<ServiceSite> existing = sites.within(unit.path()).stream()
                .filter(site -> site.existsOn(end))
                .toList();
        Set<Long> admitted =
                admissions.admittedBy(existing.stream().map(ServiceSite::id).toList(), end);
        BigDecimal target = properties.rolloutTarget(year);
        List<Report.Row> byStreet = new ArrayList<>();
        if (unit.level() == OrgLevel.DISTRICT || unit.level() == OrgLevel.CITY) {
            for (OrgUnit street : orgUnits.within(unit.path(), OrgLevel.STREET)) {
                Figure figure = figure(existing, admitted, site -> street.path().contains(site.path()), target);
                if (figure.total() > 0) {
                    byStreet.add(new Report.Row(street, figure));
                }
            }
        }
        List<Report.ModelRow> byModel = new ArrayList<>();
        for (SiteModel model : SiteModel.values()) {
            byModel.add(new Report.ModelRow(model, figure(existing, admitted, site -> site.model() == model, target)));
        }
        return new Report(unit, year, figure(existing, admitted, site -> true, target), byStreet, byModel);
    }

    private static Figure figure(
            List<ServiceSite> existing, Set<Long> admitted, Predicate<ServiceSite> which, BigDecimal target) {
        List<ServiceSite> selected = existing.stream().filter(which).toList();
        int count = (int)
                selected.stream().filter(site -> admitted.contains(site.id())).count();
        BigDecimal share = selected.isEmpty()
                ? null
                : BigDecimal.valueOf(count).divide(BigDecimal.valueOf(selected.size()), 4, RoundingMode.DOWN);
        return new Figure(count, selected.size(), share, target);
    }
}
