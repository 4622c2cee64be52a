package org.liudong.indicators;

import java.time.LocalDate;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A small fixed dataset written straight into the ledger's and the sites' tables, for recounts. */
final class IndicatorFixture {

    static final String STREET = "110107010";
    static final String COMMUNITY = "110107010003";
    static final String PATH = "/11/110107/110107010/110107010003/";

    private final JdbcClient jdbc;
    private final org.liudong.security.FieldEncryption encryption;

    /** Fixture persons carry real ciphertexts, so that every page, export and read of them works. */
    IndicatorFixture(JdbcClient jdbc, org.liudong.security.FieldEncryption encryption) {
        this.jdbc = jdbc;
        this.encryption = encryption;
    }

    long person(
            String category,
            String sex,
            LocalDate born,
            String marital,
            LocalDate movedIn,
            LocalDate movedOut,
            LocalDate certChecked,
            String status,
            Long siteId) {
        String hash = UUID.randomUUID().toString();
        long id = jdbc.sql("""
                        insert into person (id_number_enc, id_number_hash, id_number_masked, name, sex, birth_date,
                            marital_status, education, household_code, occupation, cert_checked_on, category,
                            category_article, category_reason, classified_on, status, org_path, community_code,
                            created_at, created_by, updated_at, updated_by, version)
                        values (:enc, :hash, '4101**********1234', '测试', :sex, :born, :marital, '70', '410102', '建筑工人',
                            :cert, :category, 'Art. 2', 'fixture', :movedIn, :status, :path, :community,
                            now(), 'fixture', now(), 'fixture', 1)
                        returning id""")
                .param("hash", hash)
                .param(
                        "enc",
                        encryption.encrypt(org.liudong.support.TestIdNumbers.of(
                                "410102", born.toString().replace("-", ""), sex.equals("1") ? "1" : "2")))
                .param("sex", sex)
                .param("born", born)
                .param("marital", marital)
                .param("cert", certChecked)
                .param("category", category)
                .param("movedIn", movedIn)
                .param("status", status)
                .param("path", PATH)
                .param("community", COMMUNITY)
                .query(Long.class)
                .single();
        jdbc.sql("""
                        insert into residence_episode (person_id, seq, community_code, site_id, org_path, moved_in,
                            moved_out, reason, end_kind)
                        values (?, 1, ?, ?, ?, ?, ?, '1', ?)""")
                .params(id, COMMUNITY, siteId, PATH, movedIn, movedOut, movedOut == null ? null : "MOVED_OUT")
                .update();
        return id;
    }

    long site(int headcount, LocalDate established) {
        String code = COMMUNITY + "-T" + System.nanoTime() % 100_000_000;
        return jdbc.sql("""
                        insert into service_site (code, name, model, community_code, path, estimated_headcount,
                            established_on)
                        values (?, '测试站点', 'COMMUNITY', ?, ?, ?, ?) returning id""")
                .params(code, COMMUNITY, PATH + code + "/", headcount, established)
                .query(Long.class)
                .single();
    }

    void activity(long site, LocalDate on, String kind) {
        jdbc.sql("insert into site_activity (site_id, held_on, kind, topic, organiser, created_by)"
                        + " values (?, ?, ?, '讲座', '专干', 'fixture')")
                .params(site, on, kind)
                .update();
    }

    void admit(long site, LocalDate on) {
        jdbc.sql("insert into site_admission (site_id, status, applied_on, applied_by, applied_evidence,"
                        + " admitted_on, admitted_by) values (?, 'ADMITTED', ?, 'fixture', '{}', ?, 'fixture')")
                .params(site, on, on)
                .update();
    }

    /** A standard set: 2013 arrivals with and without timely checks, movers, a merged record, two sites. */
    void load() {
        long site = site(10, LocalDate.of(2011, 1, 1));
        long quiet = site(5, LocalDate.of(2012, 6, 1));
        admit(site, LocalDate.of(2013, 3, 1));
        activity(site, LocalDate.of(2013, 5, 10), "LECTURE");
        activity(site, LocalDate.of(2013, 6, 10), "CULTURE_SPORTS");
        LocalDate d = LocalDate.of(2013, 2, 1);
        person("FLOATING_FP", "2", LocalDate.of(1985, 1, 1), "20", d, null, d.plusDays(10), "ACTIVE", site);
        person("FLOATING_FP", "2", LocalDate.of(1988, 1, 1), "20", d, null, d.plusDays(45), "ACTIVE", site);
        person("FLOATING_FP", "2", LocalDate.of(1990, 1, 1), "10", d, null, null, "ACTIVE", null);
        person("FLOATING_FP", "1", LocalDate.of(1982, 1, 1), "20", d, null, d.plusDays(30), "ACTIVE", site);
        person(
                "FLOATING_FP",
                "2",
                LocalDate.of(1986, 1, 1),
                "21",
                LocalDate.of(2012, 5, 1),
                null,
                null,
                "ACTIVE",
                quiet);
        person(
                "FLOATING_FP",
                "2",
                LocalDate.of(1984, 1, 1),
                "20",
                d,
                LocalDate.of(2013, 9, 1),
                d.plusDays(5),
                "MOVED_OUT",
                site);
        person("FLOATING_FP", "2", LocalDate.of(1983, 1, 1), "20", d, null, d.plusDays(1), "MERGED", site);
        person("FLOATING_OTHER", "1", LocalDate.of(1950, 1, 1), "20", d, null, null, "ACTIVE", null);
        person("LOCAL", "1", LocalDate.of(1980, 1, 1), "20", d, null, null, "ACTIVE", null);
    }
}
