package org.liudong.services;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Inserts synthetic FLOATING_FP persons with one open residence episode straight into the ledger tables. The n-th
 * person moves in n days after 2008-01-01, whatever ids the person table hands out: a test that ran before may have
 * moved its identity on (a rolled-back first load still advances it), and the months a test looks at must still find
 * residents.
 */
final class Population {

    private Population() {}

    static List<Long> insert(JdbcClient jdbc, String community, String orgPath, int n) {
        String tag = UUID.randomUUID().toString();
        List<Long> ids = jdbc.sql("""
                        insert into person (id_number_enc, id_number_hash, id_number_masked, name, sex, birth_date,
                            marital_status, household_code, contraception_code, category, category_article,
                            category_reason, classified_on, status, org_path, community_code, created_at, created_by,
                            updated_at, updated_by, version)
                        select 'synthetic', md5(:tag || g), '130602********0000', '测试' || g,
                               case when g % 3 = 0 then '1' else '2' end,
                               date '1970-01-01' + (g * 37 % 10000), case when g % 5 = 0 then '10' else '20' end,
                               '130602', (array['100','600','700','A10','810','300'])[1 + g % 6], 'FLOATING_FP',
                               '第二条', 'synthetic', date '2013-01-01', 'ACTIVE', :path, :community, now(),
                               'synthetic', now(), 'synthetic', 0
                        from generate_series(1, :n) g
                        returning id""")
                .param("tag", tag)
                .param("path", orgPath)
                .param("community", community)
                .param("n", n)
                .query(Long.class)
                .list();
        jdbc.sql("""
                        insert into residence_episode (person_id, seq, community_code, org_path, moved_in, reason)
                        select p.id, 1, :community, :path, date '2008-01-01' + (p.n % 2000)::int, 'WORK_BUSINESS'
                        from unnest(:ids) with ordinality as p(id, n)""")
                .param("community", community)
                .param("path", orgPath)
                .param("ids", ids.toArray(Long[]::new))
                .update();
        return ids;
    }
}
