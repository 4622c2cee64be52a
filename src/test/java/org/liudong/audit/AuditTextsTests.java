package org.liudong.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liudong.audit.web.AuditTexts;
import org.liudong.registry.RegistryEvents;
import org.liudong.security.Role;
import org.liudong.security.SecurityEvents;
import org.liudong.security.TestUsers;
import org.liudong.services.ServiceEvents;
import org.liudong.shared.CurrentScope;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit page says each entry's target and detail in the reader's language. The entries come from the real
 * events, through the real listeners, so a detail whose wording changes in a listener shows up here as not
 * translated any more.
 */
@SpringBootTest
class AuditTextsTests {

    private static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    AuditTexts texts;

    @Autowired
    AuditTrail trail;

    @Autowired
    TestUsers users;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Autowired
    TransactionTemplate transactions;

    @Test
    void everyEventsDetailIsSaidInChineseAndInEnglish() {
        String actor = "texts-" + UUID.randomUUID().toString().substring(0, 8);
        users.signIn(users.create("auditor", Role.AUDITOR, "110107").username());
        String place = CurrentScope.requireUser().scope().value();
        Instant at = Instant.now();
        var person = new RegistryEvents.PersonRef(
                41L, "110107198001010011", "张三", "1", LocalDate.of(1980, 1, 1), null, place);
        // each event with the Chinese and the English detail it must read as
        Map<Object, List<String>> expected = new LinkedHashMap<>();
        expected.put(new RegistryEvents.PersonRead(41L, place, actor, "edit-form", at), List.of("编辑表单", "edit form"));
        expected.put(
                new RegistryEvents.PersonRegistered(person, "110107001001", LocalDate.of(2012, 3, 5), "C1", actor, at),
                List.of("类别 C1", "category C1"));
        expected.put(
                new RegistryEvents.PersonChanged(person, List.of("name", "phone"), actor, at),
                List.of("修改：姓名、联系电话", "changed: Name, Phone"));
        expected.put(
                new RegistryEvents.PersonMovedWithin(
                        person, "110107001001", "110107002001", LocalDate.of(2012, 4, 1), actor, at),
                List.of("社区 110107001001 → 110107002001", "community 110107001001 → 110107002001"));
        expected.put(
                new RegistryEvents.PersonMovedOut(person, LocalDate.of(2012, 5, 1), "130681", actor, at),
                List.of("去向 130681", "destination 130681"));
        expected.put(
                new RegistryEvents.PersonsMerged(41L, 42L, place, actor, at),
                List.of("记录 42 并入 41", "record 42 merged into 41"));
        expected.put(
                new RegistryEvents.PersonsImported("job-1", new long[] {1, 2, 3}, 4, actor, place, at),
                List.of("新登记 3 人，更新 4 人", "3 registered, 4 updated"));
        expected.put(
                new ServiceEvents.ServiceProvided(7L, 41L, "B01", LocalDate.of(2012, 6, 1), place, null, actor, at),
                List.of("服务 B01，服务日期 2012-06-01，记录 7", "service B01 on 2012-06-01, record 7"));
        expected.put(
                new ServiceEvents.ServiceProvided(8L, 41L, "B02", LocalDate.of(2012, 6, 2), place, "按政策", actor, at),
                List.of(
                        "服务 B02，服务日期 2012-06-02，记录 8；干部说明：按政策",
                        "service B02 on 2012-06-02, record 8; officer's note: 按政策"));
        expected.put(
                new ServiceEvents.VisitRecorded(41L, "B01", place, "不在家", actor, at),
                List.of("服务 B01 未提供：不在家", "service B01 not given: 不在家"));
        expected.put(
                new ServiceEvents.DueListRead(place, "2012-06", 12, "page-export", actor, at),
                List.of("页面导出：2012-06 月，12 人", "page export: 2012-06, 12 persons"));
        expected.put(
                new ServiceEvents.ActivityServicesRecorded(5L, "B03", place, 10, 2, actor, at),
                List.of("服务 B03：登记 10 人，不符合条件 2 人", "service B03: 10 recorded, 2 not eligible"));
        expected.put(new SecurityEvents.TokensRevoked(actor, "someone", 2, at), List.of("2 个令牌", "2 token(s)"));
        expected.put(
                new SecurityEvents.LoginFailed(actor, "BadCredentialsException", "127.0.0.1", at),
                List.of("原因：用户名或密码错误", "reason: wrong username or password"));
        expected.put(
                new SecurityEvents.UserChanged(
                        actor, "someone", place, "roles [COMMUNITY_WORKER] -> [STREET_OFFICER]; disabled;", at),
                List.of("角色 社区计生专干 → 街道计生办；停用", "roles Community worker → Street officer; disabled"));
        expected.put(
                new SecurityEvents.UserChanged(actor, "someone", place, "own password changed", at),
                List.of("本人修改密码", "own password changed"));
        expected.put(
                new SecurityEvents.UserChanged(actor, "someone", place, "a change nobody foresaw", at),
                List.of("a change nobody foresaw", "a change nobody foresaw"));

        transactions.executeWithoutResult(tx -> {
            expected.keySet().forEach(events::publishEvent);
            List<AuditEntry> entries = new java.util.ArrayList<>(trail.search("", actor, 100, 0));
            java.util.Collections.reverse(entries);
            assertThat(entries).hasSize(expected.size());
            List<List<String>> wanted = List.copyOf(expected.values());
            for (int i = 0; i < entries.size(); i++) {
                AuditEntry entry = entries.get(i);
                assertThat(List.of(texts.detail(entry, ZH), texts.detail(entry, Locale.ENGLISH)))
                        .as("%s stored as '%s'", entry.action(), entry.detail())
                        .isEqualTo(wanted.get(i));
            }
            assertThat(texts.target(entries.get(0), ZH)).isEqualTo("人员");
            assertThat(texts.target(entries.get(0), Locale.ENGLISH)).isEqualTo("Person");
            tx.setRollbackOnly();
        });
    }
}
