package org.liudong.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import org.apache.catalina.connector.ClientAbortException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.liudong.security.AccessDenials;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@ExtendWith(OutputCaptureExtension.class)
class ErrorHandlingTests {

    @RestController
    static class Answers {

        @GetMapping("/api/v1/leaving")
        String leaving() throws ClientAbortException {
            throw new ClientAbortException(new IOException("Broken pipe"));
        }

        @GetMapping("/api/v1/failing")
        String failing() {
            throw new IllegalStateException("a fault of the server");
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Answers())
            .setControllerAdvice(new ErrorHandling(mock(AccessDenials.class)))
            .build();

    @Test
    void aClientThatLeftDuringTheAnswerIsNotLoggedAsAnErrorWhileAFaultIs(CapturedOutput output) throws Exception {
        mvc.perform(get("/api/v1/leaving")).andExpect(content().string(""));
        mvc.perform(get("/api/v1/failing")).andExpect(status().isInternalServerError());

        assertThat(output.getOut() + output.getErr())
                .doesNotContain("Request /api/v1/leaving failed")
                .contains("Request /api/v1/failing failed");
    }
}
