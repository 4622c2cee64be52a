package org.liudong.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liudong.security.Role;
import org.liudong.security.TestUsers;
import org.liudong.support.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The API's description (/v3/api-docs) as someone writing a client against it reads it: every operation says
 * what it does, what its parameters mean, how to authenticate, what it answers on success and which problems it
 * can answer, and the success it documents is the one the server gives.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiDocumentationTests {

    private static final String PROBLEM = "#/components/schemas/" + ApiDocumentation.PROBLEM;

    @LocalServerPort
    int port;

    @Autowired
    TestUsers users;

    ApiClient api;
    JsonNode docs;

    @BeforeEach
    void read() {
        api = new ApiClient(port);
        var answer = api.get("/v3/api-docs", null);
        assertThat(answer.status()).isEqualTo(200);
        docs = answer.json();
    }

    /** Every operation, keyed "METHOD path". */
    private Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new TreeMap<>();
        for (var path : docs.get("paths").properties()) {
            for (var method : path.getValue().properties()) {
                operations.put(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue());
            }
        }
        assertThat(operations).hasSizeGreaterThan(70);
        return operations;
    }

    @Test
    void everyOperationSaysWhatItDoesUnderADescribedTag() {
        Set<String> declared = new HashSet<>();
        for (JsonNode tag : docs.get("tags")) {
            assertThat(tag.path("description").asString("")).as(tag.toString()).isNotBlank();
            declared.add(tag.get("name").asString());
        }
        List<String> faults = new ArrayList<>();
        operations().forEach((operation, body) -> {
            if (body.path("summary").asString("").isBlank()) {
                faults.add(operation + ": no summary");
            }
            if (body.path("tags").isEmpty()) {
                faults.add(operation + ": no tag");
            }
            for (JsonNode tag : body.path("tags")) {
                if (!declared.contains(tag.asString())) {
                    faults.add(operation + ": tag " + tag.asString() + " is not declared with a description");
                }
            }
        });
        assertThat(faults).isEmpty();
    }

    @Test
    void everyParameterSaysWhatItMeansAndIsAPlainValue() {
        List<String> faults = new ArrayList<>();
        operations().forEach((operation, body) -> {
            for (JsonNode parameter : body.path("parameters")) {
                String name = parameter.get("name").asString();
                if (parameter.path("description").asString("").isBlank()) {
                    faults.add(operation + ": " + name + " has no description");
                }
                if (parameter.path("schema").has("$ref")) {
                    // a client cannot send an object in a query string
                    faults.add(operation + ": " + name + " is an object");
                }
            }
        });
        assertThat(faults).isEmpty();
    }

    @Test
    void everyCallButTheTokenIssueNeedsTheBearerToken() {
        JsonNode scheme = docs.at("/components/securitySchemes/" + ApiDocumentation.BEARER);
        assertThat(scheme.path("type").asString()).isEqualTo("http");
        assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
        assertThat(docs.path("security").toString()).contains("\"" + ApiDocumentation.BEARER + "\"");
        operations().forEach((operation, body) -> {
            if (operation.equals("POST /api/v1/auth/token")) {
                assertThat(body.has("security")).as(operation).isTrue();
                assertThat(body.get("security").isEmpty()).as(operation).isTrue();
            } else {
                assertThat(body.has("security"))
                        .as(operation + " keeps the global token")
                        .isFalse();
            }
        });
        // and that is how the server behaves
        assertThat(api.post("/api/v1/auth/token", "{}", null).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/indicators", null).status()).isEqualTo(401);
    }

    @Test
    void everyOperationDescribesTheProblemsItCanAnswer() {
        List<String> faults = new ArrayList<>();
        operations().forEach((operation, body) -> {
            JsonNode responses = body.get("responses");
            List<String> expected = new ArrayList<>(List.of("401", "403", "429"));
            if (operation.contains("{")) {
                expected.add("404");
            }
            if (body.path("parameters").toString().contains("\"If-Match\"")) {
                expected.add("409");
            }
            if (!body.path("parameters").isEmpty() || body.has("requestBody")) {
                expected.add("400");
            }
            for (String status : expected) {
                JsonNode problem = responses.path(status);
                if (problem.isMissingNode()) {
                    faults.add(operation + ": no " + status);
                } else if (!problem.toString().contains(PROBLEM)) {
                    faults.add(operation + ": " + status + " is not a problem document");
                }
            }
            long successes = responses.propertyNames().stream()
                    .filter(status -> status.startsWith("2"))
                    .count();
            if (successes != 1) {
                faults.add(operation + ": " + successes + " successes documented");
            }
            if (responses.toString().contains("\"*/*\"")) {
                faults.add(operation + ": a response of any media type");
            }
        });
        assertThat(faults).isEmpty();
        assertThat(docs.at("/components/schemas/" + ApiDocumentation.PROBLEM + "/properties")
                        .propertyNames())
                .contains("type", "title", "status", "detail", "field", "errors");
    }

    @Test
    void theSuccessDocumentedIsTheOneTheServerAnswers() {
        var user = users.ready("apidocs", Role.DISTRICT_OFFICER, "110107");
        var issued = api.requestToken(user.username(), user.password(), user.code());
        assertSuccess("POST /api/v1/auth/token", issued);
        assertThat(documentedSuccess("POST /api/v1/auth/token").toString()).contains("#/components/schemas/Token");
        assertThat(docs.at("/components/schemas/Token/properties").propertyNames())
                .containsExactlyInAnyOrder("token", "expiresAt");
        String token = issued.json().get("token").asString();

        assertSuccess("GET /api/v1/indicators", api.get("/api/v1/indicators", token));
        String agreement = """
                {"name":"API-docs","members":["11","13"],"types":["QUERY"],"deadlines":[]}""";
        assertSuccess(
                "POST /api/v1/cooperation/agreements", api.post("/api/v1/cooperation/agreements", agreement, token));
        assertSuccess(
                "GET /api/v1/imports/templates/persons.xlsx", api.get("/api/v1/imports/templates/persons.xlsx", token));
        assertSuccess("GET /api/v1/org-units/{code}/due.xlsx", api.get("/api/v1/org-units/110107001/due.xlsx", token));
        assertSuccess("GET /api/v1/persons/export.csv", api.get("/api/v1/persons/export.csv?sex=2", token));
        assertSuccess("DELETE /api/v1/auth/token", api.delete("/api/v1/auth/token", token));
    }

    /** The one success status an operation documents, with what it says of the body. */
    private Map.Entry<String, JsonNode> documentedSuccess(String operation) {
        JsonNode body = operations().get(operation);
        assertThat(body).as(operation).isNotNull();
        return body.get("responses").properties().stream()
                .filter(entry -> entry.getKey().startsWith("2"))
                .findFirst()
                .orElseThrow();
    }

    private void assertSuccess(String operation, ApiClient.Answer answer) {
        var documented = documentedSuccess(operation);
        assertThat(answer.status())
                .as(operation + ": " + answer.body())
                .isEqualTo(Integer.parseInt(documented.getKey()));
        JsonNode content = documented.getValue().path("content");
        if (answer.contentType() == null || answer.contentType().isBlank()) {
            assertThat(content.isEmpty())
                    .as(operation + " answers without a body")
                    .isTrue();
            return;
        }
        String type = answer.contentType().split(";")[0].strip();
        assertThat(content.propertyNames()).as(operation).contains(type);
    }
}
