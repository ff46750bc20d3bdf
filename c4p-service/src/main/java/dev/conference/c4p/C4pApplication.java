package dev.conference.c4p;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class C4pApplication {

    public static void main(String[] args) {
        SpringApplication.run(C4pApplication.class, args);
    }
}
