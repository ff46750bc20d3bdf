package dev.conference.support.web;

import static dev.conference.testsupport.Bytes.concat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import dev.conference.support.text.EmailAddress;
import dev.conference.support.text.PlainText;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@SpringBootTest(classes = ProblemHandlerTest.EchoApplication.class, properties = "platform.web.max-request-body=100B")
@AutoConfigureMockMvc
class ProblemHandlerTest {

    @Autowired
    MockMvc mvc;

    @Test
    void invalidFieldsAreListedUnderTheirJsonNames() throws Exception {
        postJson("/echo", "{\"name\":\"\",\"abstract\":\"\"}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("abstract"))
                .andExpect(jsonPath("$.errors[1].field").value("name"));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            {"name":"a","abstract":"b","admin":true} | admin | an unknown field is refused by name
            {"name":[1],"abstract":"b"}              | name  | a wrong type names the field
            {"name":42,"abstract":"b"}               | name  | a number where text belongs is the wrong type
            """)
    void theBadFieldIsNamed(String json, String field, String rule) throws Exception {
        postJson("/echo", json)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value(field));
    }

    @Test
    void malformedJsonIsABadRequest() throws Exception {
        postJson("/echo", "{\"name\":")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Malformed request body"));
    }

    @Test
    void declaredOversizedBodyIsRefusedWith413() throws Exception {
        postJson("/echo", "{\"name\":\"" + "x".repeat(200) + "\",\"abstract\":\"b\"}")
                .andExpect(status().isContentTooLarge())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        mvc.perform(post("/echo").contentType(MediaType.TEXT_PLAIN).content("hello"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void queryValueOfTheWrongTypeNamesTheParameter() throws Exception {
        mvc.perform(get("/day").param("day", "tomorrow"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("day"))
                .andExpect(jsonPath("$.errors[0].message").value("is not a valid ISO date such as 2027-05-12"));
    }

    @Test
    void unreachableStoreIsServiceUnavailableWithRetryAfter() throws Exception {
        mvc.perform(get("/store-down"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "overlong slash, C0AF",
            "overlong NUL, C080",
            "three-byte overlong slash, E080AF",
            "surrogate encoded in UTF-8, EDA080",
            "beyond U+10FFFF, F4908080",
            "byte that never occurs, FF",
            "stray continuation byte, 80",
            "cut-off sequence, E282"})
    void bodyThatIsNotStrictlyUtf8IsRefusedBeforeItIsParsed(String what, String hex) throws Exception {
        byte[] body = concat("{\"name\":\"a".getBytes(StandardCharsets.UTF_8), HexFormat.of().parseHex(hex),
                "b\",\"abstract\":\"c\"}".getBytes(StandardCharsets.UTF_8));

        postJson("/echo", body)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Malformed request body"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("not valid UTF-8")));
    }

    @Test
    void bodyCutOffInsideASequenceIsRefused() throws Exception {
        byte[] body = concat("{\"name\":\"a\",\"abstract\":\"c\"}".getBytes(StandardCharsets.UTF_8),
                HexFormat.of().parseHex("F09F"));

        postJson("/echo", body)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.title").value("Malformed request body"));
    }

    @Test
    void validUtf8IsPassedOnUnchanged() throws Exception {
        postJson("/echo", "{\"name\":\"Grüße 東京 🎤\",\"abstract\":\"b\"}".getBytes(StandardCharsets.UTF_8))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Grüße 東京 🎤"));
    }

    @Test
    void addressesAreCheckedByTheSharedRule() throws Exception {
        postJson("/contact", "{\"email\":\"\\\"a\\\"@example.com\",\"name\":\"Ada\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("email"))
                .andExpect(jsonPath("$.errors[0].message").value("must not have a quoted local part"));
        postJson("/contact", "{\"email\":\"a{b}@example.com\",\"name\":\"Ada\"}")
                .andExpect(status().isOk());
    }

    @Test
    void encodedWordsAreRefusedInTextForMailHeaders() throws Exception {
        postJson("/contact", "{\"email\":\"a@example.com\",\"name\":\"=?utf-8?B?QWRh?=\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("name"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("encoded-words")));
    }

    private ResultActions postJson(String path, String json) throws Exception {
        return postJson(path, json.getBytes(StandardCharsets.UTF_8));
    }

    private ResultActions postJson(String path, byte[] json) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    @SpringBootApplication
    static class EchoApplication {

        @RestController
        static class EchoController {
            @PostMapping(path = "/echo", consumes = MediaType.APPLICATION_JSON_VALUE)
            Echo echo(@Valid @RequestBody Echo echo) {
                return echo;
            }

            @PostMapping(path = "/contact", consumes = MediaType.APPLICATION_JSON_VALUE)
            Contact contact(@Valid @RequestBody Contact contact) {
                return contact;
            }

            @GetMapping("/day")
            String day(@RequestParam LocalDate day) {
                return day.toString();
            }

            @GetMapping("/store-down")
            String storeDown() {
                throw new DataAccessResourceFailureException("connection refused");
            }
        }
    }

    record Contact(@EmailAddress String email, @PlainText(mailHeader = true) String name) {
    }

    record Echo(@NotBlank @Size(max = 50) String name, @JsonProperty("abstract") @NotBlank String summary) {
    }
}
