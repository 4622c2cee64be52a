package org.liudong.exchange;

import java.time.LocalDate;
import java.util.List;
import org.liudong.divisions.WorkingDays;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Answer deadlines of PRODUCT §5.5: a verification (inflow notice, query, certificate, first child) within
 * 15 working days; an urgent assistance request within 15 days, other assistance requests and birth notices
 * within 30. Messages that ask for no answer have no deadline. A {@link DeadlineRule} may make one earlier.
 */
@Component
class Deadlines {

    private final WorkingDays workingDays;
    private final ExchangeSettings settings;
    private final ObjectProvider<DeadlineRule> rules;

    /** The rules as they stood when {@link #snapshot} was taken, or null to ask the rules each time. */
    private final List<DeadlineRule> fixed;

    @org.springframework.beans.factory.annotation.Autowired
    Deadlines(WorkingDays workingDays, ExchangeSettings settings, ObjectProvider<DeadlineRule> rules) {
        this(workingDays, settings, rules, null);
    }

    private Deadlines(
            WorkingDays workingDays,
            ExchangeSettings settings,
            ObjectProvider<DeadlineRule> rules,
            List<DeadlineRule> fixed) {
        this.workingDays = workingDays;
        this.settings = settings;
        this.rules = rules;
        this.fixed = fixed;
    }

    /** These deadlines with every rule as it stands now ({@link DeadlineRule#snapshot}), for many questions in a row. */
    Deadlines snapshot() {
        return new Deadlines(
                workingDays,
                settings,
                rules,
                rules.orderedStream().map(DeadlineRule::snapshot).toList());
    }

    LocalDate due(MessageType type, LocalDate sent, boolean urgent) {
        return switch (type) {
            case INFLOW_NOTICE, QUERY, CERTIFICATE_VERIFY, FIRST_CHILD_VERIFY ->
                workingDays.plusWorkingDays(sent, settings.verificationWorkingDays());
            case ASSIST_REQUEST -> sent.plusDays(urgent ? settings.urgentAssistDays() : settings.assistDays());
            case BIRTH_NOTICE -> sent.plusDays(settings.assistDays());
            default -> null;
        };
    }

    /** The default deadline, made earlier by any rule that applies between the two counties. */
    LocalDate due(MessageType type, String fromCounty, String toCounty, LocalDate sent, boolean urgent) {
        LocalDate due = due(type, sent, urgent);
        if (due == null) {
            return null;
        }
        List<DeadlineRule> all = fixed != null ? fixed : rules.orderedStream().toList();
        for (DeadlineRule rule : all) {
            LocalDate stricter =
                    rule.due(type, fromCounty, toCounty, sent, urgent).orElse(null);
            if (stricter != null && stricter.isBefore(due)) {
                due = stricter;
            }
        }
        return due;
    }
}
