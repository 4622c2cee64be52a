package org.liudong.sites;

import java.util.List;
import java.util.Optional;
import org.liudong.org.OrgUnit;
import org.liudong.org.OrgUnits;
import org.liudong.org.ServiceSite;
import org.liudong.org.ServiceSites;
import org.liudong.org.SiteModel;
import org.liudong.shared.CurrentScope;
import org.springframework.stereotype.Service;

/** Reads of sites and their programme records, within the signed-in user's scope. */
@Service
public class SiteQueries {

    private final ServiceSites sites;
    private final OrgUnits orgUnits;
    private final SiteRecords records;
    private final Admissions admissions;

    SiteQueries(ServiceSites sites, OrgUnits orgUnits, SiteRecords records, Admissions admissions) {
        this.sites = sites;
        this.orgUnits = orgUnits;
        this.records = records;
        this.admissions = admissions;
    }

    /** A site with its community, organisation (current and past), association, publicity, activities, admission. */
    public record SiteView(
            ServiceSite site,
            OrgUnit community,
            List<SiteMember> members,
            List<SiteMember> pastMembers,
            Association association,
            Publicity publicity,
            List<Activity> activities,
            Admission admission,
            List<Admission> admissionHistory) {

        public String principle() {
            return site.model().principle();
        }
    }

    /** The sites under a unit (the caller's scope when null), optionally of one model, closed ones if asked. */
    public List<ServiceSite> list(String unitCode, SiteModel model, boolean withClosed) {
        var scope = unitCode == null || unitCode.isBlank()
                ? CurrentScope.requireUser().scope()
                : orgUnits.visible(unitCode.strip()).path();
        return sites.within(scope).stream()
                .filter(site -> model == null || site.model() == model)
                .filter(site -> withClosed || site.active())
                .toList();
    }

    public ServiceSite site(long id) {
        ServiceSite site = sites.get(id);
        CurrentScope.check(site.path());
        return site;
    }

    public SiteView view(long id) {
        ServiceSite site = site(id);
        List<SiteMember> all = records.members(id);
        return new SiteView(
                site,
                orgUnits.get(site.communityCode()),
                all.stream().filter(member -> member.until() == null).toList(),
                all.stream().filter(member -> member.until() != null).toList(),
                records.association(id).orElse(null),
                records.publicity(id).orElse(null),
                records.activities(id),
                admissions.current(id).orElse(null),
                admissions.history(id));
    }

    public Optional<Publicity> publicity(long id) {
        site(id);
        return records.publicity(id);
    }

    public List<Activity> activities(long id) {
        site(id);
        return records.activities(id);
    }
}
