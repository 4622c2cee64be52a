package org.liudong.sites;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.liudong.org.OrgUnits;
import org.liudong.org.ServiceSite;
import org.liudong.org.ServiceSites;
import org.liudong.org.SiteDetails;
import org.liudong.registry.SiteLedger;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.InvalidFields;
import org.liudong.shared.InvalidFields.Violation;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.NotFound;
import org.liudong.shared.ScopedUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps service sites: opens, edits and closes them, and records their organisation (with history),
 * association, publicity position and activities. Every change checks the caller's role and scope.
 */
@Service
public class SiteProgramme {

    private final ServiceSites sites;
    private final OrgUnits orgUnits;
    private final SiteRecords records;
    private final SiteLedger ledger;

    SiteProgramme(ServiceSites sites, OrgUnits orgUnits, SiteRecords records, SiteLedger ledger) {
        this.sites = sites;
        this.orgUnits = orgUnits;
        this.records = records;
        this.ledger = ledger;
    }

    @Transactional
    public ServiceSite open(String communityCode, SiteDetails details) {
        SiteRoles.requireOpener();
        if (communityCode == null || communityCode.isBlank()) {
            throw new InvalidInput("communityCode", "请选择站点所属的社区");
        }
        orgUnits.visible(communityCode.strip());
        return sites.create(communityCode.strip(), details);
    }

    @Transactional
    public ServiceSite edit(long siteId, int version, SiteDetails details) {
        SiteRoles.requireKeeper();
        scoped(siteId);
        return sites.update(siteId, version, details);
    }

    @Transactional
    public ServiceSite close(long siteId, LocalDate on) {
        SiteRoles.requireOpener();
        ServiceSite site = scoped(siteId);
        if (!site.active()) {
            throw new InvalidInput("closedOn", "该站点已关闭");
        }
        return sites.close(siteId, on);
    }

    @Transactional
    public SiteMember addMember(long siteId, SiteInputs.NewMember member) {
        SiteRoles.requireKeeper();
        open(siteId);
        long id =
                records.addMember(siteId, member.kind(), member.duty(), member.name(), member.phone(), member.since());
        return records.member(id).orElseThrow();
    }

    /**
     * Hands a post to its next holder (or leaves it vacant): the current holding ends on the date and the
     * next one starts, so the organisation's history keeps who held the post when.
     */
    @Transactional
    public SiteMember replaceMember(long memberId, SiteInputs.Replacement replacement) {
        SiteRoles.requireKeeper();
        SiteMember current = currentMember(memberId);
        if (replacement.on().isBefore(current.since())) {
            throw new InvalidInput("on", "交接日期不能早于现任人员的任职日期 " + current.since());
        }
        records.endMember(memberId, replacement.on());
        long id = records.addMember(
                current.siteId(),
                current.kind(),
                current.duty(),
                replacement.name(),
                replacement.phone(),
                replacement.on());
        return records.member(id).orElseThrow();
    }

    /** Ends a post altogether, e.g. a volunteer who left and is not replaced. */
    @Transactional
    public void endMember(long memberId, LocalDate on) {
        SiteRoles.requireKeeper();
        SiteMember current = currentMember(memberId);
        if (on == null || on.isBefore(current.since())) {
            throw new InvalidInput("on", "结束日期不能早于任职日期");
        }
        records.endMember(memberId, on);
    }

    @Transactional
    public void saveAssociation(long siteId, Association association) {
        SiteRoles.requireKeeper();
        open(siteId);
        if (association == null || SiteInputs.text(association.name()) == null) {
            records.removeAssociation(siteId);
            return;
        }
        if (association.members() != null && association.members() < 0) {
            throw new InvalidFields(List.of(new Violation("members", "NEGATIVE", "会员人数不能为负数")));
        }
        records.saveAssociation(siteId, association);
    }

    @Transactional
    public void savePublicity(long siteId, SiteInputs.PublicityPosition position) {
        SiteRoles.requireKeeper();
        open(siteId);
        records.savePublicity(siteId, position.what(), position.location());
    }

    @Transactional
    public void updatePublicity(long siteId, SiteInputs.PublicityUpdate update) {
        ScopedUser user = SiteRoles.requireKeeper();
        open(siteId);
        if (records.publicity(siteId).isEmpty()) {
            throw new InvalidInput("what", "请先填写宣传阵地的内容和位置");
        }
        records.addPublicityUpdate(siteId, update.on(), update.content(), user.username());
    }

    /** Records an activity; named attendees must be live records of the ledger within the caller's scope. */
    @Transactional
    public Activity recordActivity(long siteId, SiteInputs.NewActivity activity) {
        ScopedUser user = SiteRoles.requireKeeper();
        ServiceSite site = open(siteId);
        Set<Long> wanted = new HashSet<>(activity.personIds());
        // attendees may come from anywhere in the caller's scope: people attend the site where they work too
        Set<Long> found = ledger.existing(wanted, user.scope());
        List<Violation> errors = new ArrayList<>();
        for (Long id : activity.personIds()) {
            if (!found.contains(id)) {
                errors.add(new Violation("personIds", "UNKNOWN_PERSON", "台帐中没有编号为" + id + "的人员"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        long id = records.addActivity(
                siteId,
                activity.heldOn(),
                activity.kind(),
                activity.topic(),
                activity.organiser(),
                activity.headcount(),
                wanted,
                user.username());
        return records.activities(siteId).stream()
                .filter(a -> a.id() == id)
                .findFirst()
                .orElseThrow();
    }

    private ServiceSite scoped(long siteId) {
        ServiceSite site = sites.get(siteId);
        CurrentScope.check(site.path());
        return site;
    }

    private ServiceSite open(long siteId) {
        ServiceSite site = scoped(siteId);
        if (!site.active()) {
            throw new InvalidInput("site", "该站点已关闭");
        }
        return site;
    }

    private SiteMember currentMember(long memberId) {
        SiteMember member =
                records.member(memberId).orElseThrow(() -> new NotFound("member-not-found", "No member " + memberId));
        open(member.siteId());
        if (member.until() != null) {
            throw new InvalidInput("member", "该人员已离任");
        }
        return member;
    }
}
