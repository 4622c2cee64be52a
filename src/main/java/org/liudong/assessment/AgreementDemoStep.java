package org.liudong.assessment;

import java.util.List;
import java.util.Set;
import org.liudong.imports.demo.DemoStep;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo's cooperation agreements: 京津冀 (Beijing, Tianjin, Hebei) with stricter assistance and first-child
 * deadlines, and 苏鲁豫皖 (Jiangsu, Shandong, Henan, Anhui) over all message types. Added once; a second run
 * leaves existing ones as they are.
 */
@Component
@Order(5)
class AgreementDemoStep implements DemoStep {

    private final JdbcClient jdbc;

    AgreementDemoStep(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "agreements";
    }

    /** The agreements depend on nothing another step writes; ordered first, as the exchange history waits for them. */
    @Override
    public Set<String> after() {
        return Set.of();
    }

    /** The partner node of the demo network needs the same agreements: their deadlines apply on both sides. */
    @Override
    public boolean partnerPart() {
        return true;
    }

    @Override
    @Transactional
    public void run(Context context) {
        Long jjj = add("京津冀", List.of("11", "12", "13"));
        if (jjj != null) {
            for (String type : List.of("ASSIST_REQUEST", "FIRST_CHILD_VERIFY", "INFLOW_NOTICE", "QUERY")) {
                jdbc.sql("insert into cooperation_type (agreement_id, type) values (?, ?)")
                        .params(jjj, type)
                        .update();
            }
            jdbc.sql("""
                            insert into cooperation_deadline (agreement_id, type, days, working_days)
                            values (?, 'ASSIST_REQUEST', 20, false), (?, 'FIRST_CHILD_VERIFY', 10, true)""").params(jjj, jjj).update();
        }
        add("苏鲁豫皖", List.of("32", "37", "41", "34"));
    }

    private Long add(String name, List<String> members) {
        Long id = jdbc.sql("""
                        insert into cooperation_agreement (name, created_by) values (?, 'demo')
                        on conflict (name) do nothing returning id""").param(name).query(Long.class).optional().orElse(null);
        if (id != null) {
            for (String code : members) {
                jdbc.sql("insert into cooperation_member (agreement_id, code) values (?, ?)")
                        .params(id, code)
                        .update();
            }
        }
        return id;
    }
}
