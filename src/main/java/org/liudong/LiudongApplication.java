package org.liudong;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Liudong (流动): the floating-population service and management information system. */
@SpringBootApplication
public class LiudongApplication {

    public static void main(String[] args) {
        SpringApplication.run(LiudongApplication.class, args);
    }
}
