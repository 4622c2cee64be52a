package org.liudong.audit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar liudong.jar --liudong.command=audit-verify}: recomputes the audit trail's hash chain,
 * prints the first broken row (or that the chain is whole) and exits with 0 when whole, 3 when broken.
 */
@Component
class AuditVerifyCommand implements ApplicationRunner {

    static final int BROKEN = 3;

    private final AuditTrail trail;
    private final ApplicationContext context;
    private final String command;

    AuditVerifyCommand(AuditTrail trail, ApplicationContext context, @Value("${liudong.command:}") String command) {
        this.trail = trail;
        this.context = context;
        this.command = command;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!"audit-verify".equals(command)) {
            return;
        }
        int code = verify();
        System.exit(SpringApplication.exit(context, (ExitCodeGenerator) () -> code));
    }

    /** Verifies and reports; answers the exit code. */
    int verify() {
        var broken = trail.verifyChain();
        if (broken.isPresent()) {
            System.out.println("audit-verify: BROKEN at audit_event id " + broken.get());
            return BROKEN;
        }
        System.out.println("audit-verify: the hash chain is whole");
        return 0;
    }
}
