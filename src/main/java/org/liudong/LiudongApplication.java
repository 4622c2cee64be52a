package org.liudong;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Liudong (流动): the floating-population service and management information system. */
@SpringBootApplication
@EnableScheduling
public class LiudongApplication {

    public static void main(String[] args) {
        if (OperationsCommand.handles(args)) {
            // backup and restore run without the web application
            OperationsCommand.quietLogging();
            System.exit(OperationsCommand.run(args));
        }
        SpringApplication.run(LiudongApplication.class, args);
    }
}
