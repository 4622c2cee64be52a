package org.liudong.exchange;

import java.time.LocalDate;
import org.liudong.divisions.WorkingDays;
import org.springframework.stereotype.Component;

/**
 * Answer deadlines of PRODUCT §5.5: a verification (inflow notice, query, certificate, first child) within
 * 15 working days; an urgent assistance request within 15 days, other assistance requests and birth notices
 * within 30. Messages that ask for no answer have no deadline.
 */
@Component
class Deadlines {

    private final WorkingDays workingDays;
    private final ExchangeSettings settings;

    Deadlines(WorkingDays workingDays, ExchangeSettings settings) {
        this.workingDays = workingDays;
        this.settings = settings;
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
}
