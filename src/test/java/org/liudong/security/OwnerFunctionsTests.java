package org.liudong.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The owner's power lent to the application is the functions that run as the owner ({@code security definer}); each
 * one the migrations leave is named in the security notes, so none is lent without being written down.
 */
@SpringBootTest
class OwnerFunctionsTests {

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyFunctionTheApplicationMayCallAsTheOwnerIsNamedInTheSecurityNotes() throws Exception {
        List<String> functions = jdbc.sql("""
                        select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                        where p.prosecdef and n.nspname = 'public' and p.prorettype <> 'trigger'::regtype
                          and has_function_privilege(current_user, p.oid, 'execute')
                        order by 1""").query(String.class).list();
        String notes = Files.readString(Path.of("docs/SECURITY.md"));

        assertThat(functions).contains("bulk_load_drop_indexes", "first_load_by_writer", "first_load_written");
        assertThat(functions).doesNotContain("first_load_rollup_by_writer", "first_load_rollup_written");
        assertThat(functions.stream().filter(name -> !notes.contains("`" + name)))
                .as("owner's functions not named in docs/SECURITY.md")
                .isEmpty();
    }
}
