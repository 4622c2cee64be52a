package org.liudong.sites;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.liudong.org.ServiceSite;
import org.liudong.org.ServiceSites;
import org.liudong.shared.CurrentScope;
import org.liudong.shared.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Admission to the programme (纳入规范化建设): the site applies, the street checks, the district admits; each
 * step keeps the four ones computed on its date as evidence. A step may be returned with a note, after
 * which the site may apply again. A site that does not meet all four ones is passed or admitted only with a
 * note that says why.
 */
@Service
public class Admissions {

    private final JdbcClient jdbc;
    private final ServiceSites sites;
    private final FourOnesAssessment assessment;
    private final JsonMapper json;

    Admissions(JdbcClient jdbc, ServiceSites sites, FourOnesAssessment assessment, JsonMapper json) {
        this.jdbc = jdbc;
        this.sites = sites;
        this.assessment = assessment;
        this.json = json;
    }

    /** The site's live admission (applied, checked or admitted), if any. */
    public Optional<Admission> current(long siteId) {
        CurrentScope.check(sites.get(siteId).path());
        return live(siteId);
    }

    /** All admissions of a site, newest first, returned ones included. */
    public List<Admission> history(long siteId) {
        CurrentScope.check(sites.get(siteId).path());
        return jdbc.sql("select * from site_admission where site_id = ? order by id desc")
                .param(siteId)
                .query(this::map)
                .list();
    }

    @Transactional
    public Admission apply(long siteId, LocalDate on, String note) {
        String actor = SiteRoles.requireApplicant().username();
        ServiceSite site = scoped(siteId);
        return applyUnchecked(site, date(on), actor, note);
    }

    /** The street checks an application: passes it on to the district, or returns it with a note. */
    @Transactional
    public Admission check(long siteId, boolean passed, LocalDate on, String note) {
        String actor = SiteRoles.requireChecker().username();
        ServiceSite site = scoped(siteId);
        return checkUnchecked(site, passed, date(on), actor, note);
    }

    /** The district admits a checked site, or returns it with a note. */
    @Transactional
    public Admission admit(long siteId, boolean admitted, LocalDate on, String note) {
        String actor = SiteRoles.requireAdmitter().username();
        ServiceSite site = scoped(siteId);
        return admitUnchecked(site, admitted, date(on), actor, note);
    }

    Admission applyUnchecked(ServiceSite site, LocalDate on, String actor, String note) {
        if (!site.active()) {
            throw new AdmissionRefused(AdmissionRefused.Reason.CLOSED, "站点已关闭，不能申请");
        }
        if (live(site.id()).isPresent()) {
            throw new AdmissionRefused(AdmissionRefused.Reason.ALREADY_APPLIED, "该站点已经申请，正在办理中");
        }
        jdbc.sql("""
                        insert into site_admission (site_id, status, applied_on, applied_by, applied_evidence, note)
                        values (?, 'APPLIED', ?, ?, cast(? as jsonb), ?)""").params(site.id(), on, actor, evidence(site, on), note).update();
        return live(site.id()).orElseThrow();
    }

    Admission checkUnchecked(ServiceSite site, boolean passed, LocalDate on, String actor, String note) {
        Admission admission =
                require(site.id(), Admission.Status.APPLIED, AdmissionRefused.Reason.NOT_APPLIED, "该站点没有待审核的申请");
        notBefore(on, admission.appliedOn());
        String evidence = evidence(site, on, passed, note);
        jdbc.sql("""
                        update site_admission set status = ?, checked_on = ?, checked_by = ?,
                               checked_evidence = cast(? as jsonb), note = coalesce(?, note), version = version + 1
                        where id = ?""")
                .params(passed ? "CHECKED" : "RETURNED", on, actor, evidence, note, admission.id())
                .update();
        return byId(admission.id());
    }

    Admission admitUnchecked(ServiceSite site, boolean admitted, LocalDate on, String actor, String note) {
        Admission admission =
                require(site.id(), Admission.Status.CHECKED, AdmissionRefused.Reason.NOT_CHECKED, "街道尚未审核该站点的申请");
        notBefore(on, admission.checkedOn());
        String evidence = evidence(site, on, admitted, note);
        jdbc.sql("""
                        update site_admission set status = ?, admitted_on = ?, admitted_by = ?,
                               admitted_evidence = cast(? as jsonb), note = coalesce(?, note), version = version + 1
                        where id = ?""")
                .params(admitted ? "ADMITTED" : "RETURNED", on, actor, evidence, note, admission.id())
                .update();
        return byId(admission.id());
    }

    /** Which of these sites were admitted on or before a date; no checks, for the rollout. */
    Set<Long> admittedBy(Collection<Long> siteIds, LocalDate on) {
        if (siteIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select site_id from site_admission where status = 'ADMITTED'"
                        + " and admitted_on <= :on and site_id = any(:ids)")
                .param("on", on)
                .param("ids", siteIds.toArray(Long[]::new))
                .query(Long.class)
                .list());
    }

    private ServiceSite scoped(long siteId) {
        ServiceSite site = sites.get(siteId);
        CurrentScope.check(site.path());
        return site;
    }

    private String evidence(ServiceSite site, LocalDate on) {
        return json.writeValueAsString(fourOnes(site, on));
    }

    /**
     * The four ones of the moment as evidence of a step. The four ones are the entry standard (准入标准): a
     * street passes, and the district admits, a site that does not meet all of them only with a note that
     * says why (a new site's first activity is planned, a post is being filled, …); the note is kept with the
     * evidence that shows what was missing.
     */
    private String evidence(ServiceSite site, LocalDate on, boolean forward, String note) {
        FourOnes fourOnes = fourOnes(site, on);
        if (forward && !fourOnes.allMet() && (note == null || note.isBlank())) {
            throw new AdmissionRefused(
                    AdmissionRefused.Reason.FOUR_ONES_UNMET,
                    "截至" + on + "四个一尚未全部达标（" + fourOnes.missing().size() + "项未达标），通过或纳入须在备注中说明理由",
                    fourOnes.missing());
        }
        return json.writeValueAsString(fourOnes);
    }

    /** Whether the site meets all four ones on a date (the demo asks before it admits). */
    boolean fourOnesMet(ServiceSite site, LocalDate on) {
        return fourOnes(site, on).allMet();
    }

    private FourOnes fourOnes(ServiceSite site, LocalDate on) {
        return assessment.compute(List.of(site), on).get(site.id());
    }

    private Admission require(long siteId, Admission.Status status, AdmissionRefused.Reason reason, String message) {
        return live(siteId).filter(a -> a.status() == status).orElseThrow(() -> new AdmissionRefused(reason, message));
    }

    private static LocalDate date(LocalDate on) {
        LocalDate date = on == null ? LocalDate.now() : on;
        if (date.isAfter(LocalDate.now())) {
            throw new InvalidInput("on", "日期不能晚于今天");
        }
        return date;
    }

    private static void notBefore(LocalDate on, LocalDate previous) {
        if (on.isBefore(previous)) {
            throw new InvalidInput("on", "日期不能早于上一步的日期 " + previous);
        }
    }

    private Optional<Admission> live(long siteId) {
        return jdbc.sql("select * from site_admission where site_id = ? and status <> 'RETURNED'")
                .param(siteId)
                .query(this::map)
                .optional();
    }

    private Admission byId(long id) {
        return jdbc.sql("select * from site_admission where id = ?")
                .param(id)
                .query(this::map)
                .single();
    }

    private Admission map(ResultSet rs, int row) throws SQLException {
        return new Admission(
                rs.getLong("id"),
                rs.getLong("site_id"),
                Admission.Status.valueOf(rs.getString("status")),
                rs.getObject("applied_on", LocalDate.class),
                rs.getString("applied_by"),
                read(rs.getString("applied_evidence")),
                rs.getObject("checked_on", LocalDate.class),
                rs.getString("checked_by"),
                read(rs.getString("checked_evidence")),
                rs.getObject("admitted_on", LocalDate.class),
                rs.getString("admitted_by"),
                read(rs.getString("admitted_evidence")),
                rs.getString("note"));
    }

    private FourOnes read(String text) {
        return text == null ? null : json.readValue(text, FourOnes.class);
    }
}
