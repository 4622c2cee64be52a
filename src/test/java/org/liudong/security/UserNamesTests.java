package org.liudong.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

@SpringBootTest
class UserNamesTests {

    @Autowired
    UserNames names;

    @Autowired
    TestUsers users;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void endRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    private void rename(String username, String displayName) {
        assertThat(jdbc.sql("update app_user set display_name = ? where username = ?")
                        .param(displayName)
                        .param(username)
                        .update())
                .isEqualTo(1);
    }

    @Test
    void anAccountIsShownByItsNameAndASystemActorAsStored() {
        String username = users.ready("names", Role.COMMUNITY_WORKER, "110107").username();
        rename(username, "李四");

        assertThat(names.of(username)).isEqualTo("李四");
        assertThat(names.withUsername(username)).isEqualTo("李四 (" + username + ")");
        assertThat(names.of("nightly")).isEqualTo("nightly");
        assertThat(names.withUsername("nightly")).isEqualTo("nightly");
        assertThat(names.of(null)).isNull();
    }

    @Test
    void withinOneRequestEachNameIsReadOnceAndTheNextRequestReadsItAgain() {
        String username = users.ready("names", Role.COMMUNITY_WORKER, "110107").username();
        rename(username, "王五");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
        assertThat(names.of(username)).isEqualTo("王五");

        rename(username, "王五一");

        assertThat(names.of(username)).as("read once per request").isEqualTo("王五");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
        assertThat(names.of(username)).isEqualTo("王五一");
        RequestContextHolder.resetRequestAttributes();
        assertThat(names.of(username)).as("outside a request, read every time").isEqualTo("王五一");
    }
}
