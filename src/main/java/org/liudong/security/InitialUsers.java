package org.liudong.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.liudong.org.OrgUnits;
import org.liudong.security.UserAdministration.NewUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the very first start, creates the administrator and Shijingshan's district officer with generated
 * passwords, printed once and written to {@code <data-dir>/initial-passwords} (owner-readable only). No
 * fixed default password exists.
 */
@Component
class InitialUsers {

    private static final Logger log = LoggerFactory.getLogger(InitialUsers.class);
    static final String FILE_NAME = "initial-passwords";

    private final UserAccounts accounts;
    private final UserAdministration administration;
    private final OrgUnits orgUnits;
    private final TransactionTemplate tx;
    private final Path dataDir;
    private final String rootCode;
    private final String port;

    InitialUsers(
            UserAccounts accounts,
            UserAdministration administration,
            OrgUnits orgUnits,
            TransactionTemplate tx,
            @Value("${liudong.data-dir}") Path dataDir,
            @Value("${liudong.org.root:11}") String rootCode,
            @Value("${server.port:8080}") String port) {
        this.accounts = accounts;
        this.administration = administration;
        this.orgUnits = orgUnits;
        this.tx = tx;
        this.dataDir = dataDir;
        this.rootCode = rootCode;
        this.port = port;
    }

    @EventListener(ApplicationReadyEvent.class)
    void createOnFirstStart() {
        Path file = dataDir.resolve(FILE_NAME);
        if (accounts.count() > 0) {
            log.info(
                    "Liudong is ready at http://localhost:{}/ ; first passwords, if not yet changed, are in {}",
                    port,
                    Files.exists(file) ? file.toAbsolutePath() : "the file you kept from the first start");
            return;
        }
        List<String> lines = tx.execute(status -> {
            List<String> created = new ArrayList<>();
            created.add(line(administration.createUnchecked(
                    new NewUser("admin", "系统管理员", Set.of(Role.SYSTEM_ADMIN), rootCode), "system")));
            if (orgUnits.find("110107").isPresent()) {
                created.add(line(administration.createUnchecked(
                        new NewUser("shijingshan", "石景山区流管科", Set.of(Role.DISTRICT_OFFICER), "110107"), "system")));
            }
            return created;
        });
        write(file, lines);
        String banner = String.join(System.lineSeparator(), lines);
        System.out.printf(
                "%n================ Liudong first start ================%n"
                        + "Open http://localhost:%s/ and sign in with (username password):%n%s%n"
                        + "These passwords are shown once; a copy is in %s (readable by its owner only).%n"
                        + "=====================================================%n%n",
                port, banner, file.toAbsolutePath());
    }

    private static String line(UserAdministration.CreatedUser user) {
        return user.account().username() + " " + user.firstPassword();
    }

    private static void write(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            try {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
