package dev.conference.email.contract;

import io.restassured.module.mockmvc.RestAssuredMockMvc;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.context.WebApplicationContext;

/** The real service behind the verifier tests generated from {@code contracts/}. */
@SpringBootTest
abstract class ContractBase {

    @Autowired
    WebApplicationContext context;

    @BeforeEach
    void service() {
        RestAssuredMockMvc.webAppContextSetup(context);
    }
}
