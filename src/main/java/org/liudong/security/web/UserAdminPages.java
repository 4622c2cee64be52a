package org.liudong.security.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.liudong.security.Role;
import org.liudong.security.UserAccount;
import org.liudong.security.UserAdministration;
import org.liudong.security.UserAdministration.NewUser;
import org.liudong.shared.InvalidInput;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The user and role administration pages (系统管理 › 用户). */
@Controller
@RequestMapping("/admin/users")
class UserAdminPages {

    private final UserAdministration administration;

    UserAdminPages(UserAdministration administration) {
        this.administration = administration;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("users", administration.list());
        model.addAttribute("roles", Role.values());
        return "security/users";
    }

    @GetMapping("/new")
    String newUser(Model model) {
        model.addAttribute("roles", Role.values());
        model.addAttribute("form", new UserForm("", "", List.of(), "", true));
        return "security/user-new";
    }

    @PostMapping
    String create(
            @RequestParam String username,
            @RequestParam String displayName,
            @RequestParam(name = "roles", required = false) List<Role> roles,
            @RequestParam String scopeCode,
            Model model) {
        try {
            var created = administration.create(new NewUser(username, displayName, roleSet(roles), scopeCode));
            model.addAttribute("user", created.account());
            model.addAttribute("password", created.firstPassword());
            return "security/user-password";
        } catch (InvalidInput e) {
            model.addAttribute("roles", Role.values());
            model.addAttribute(
                    "form", new UserForm(username, displayName, roles == null ? List.of() : roles, scopeCode, true));
            model.addAttribute("error", e);
            return "security/user-new";
        }
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) {
        UserAccount account = administration.get(id);
        model.addAttribute("user", account);
        model.addAttribute("roles", Role.values());
        model.addAttribute(
                "form",
                new UserForm(
                        account.username(),
                        account.displayName(),
                        List.copyOf(account.roles()),
                        account.scopeCode(),
                        account.enabled()));
        return "security/user-edit";
    }

    @PostMapping("/{id}")
    String update(
            @PathVariable long id,
            @RequestParam String displayName,
            @RequestParam(name = "roles", required = false) List<Role> roles,
            @RequestParam String scopeCode,
            @RequestParam(defaultValue = "false") boolean enabled,
            Model model,
            RedirectAttributes redirect) {
        try {
            administration.update(id, displayName, roleSet(roles), scopeCode, enabled);
            redirect.addFlashAttribute("saved", true);
            return "redirect:/admin/users";
        } catch (InvalidInput e) {
            UserAccount account = administration.get(id);
            model.addAttribute("user", account);
            model.addAttribute("roles", Role.values());
            model.addAttribute(
                    "form",
                    new UserForm(
                            account.username(), displayName, roles == null ? List.of() : roles, scopeCode, enabled));
            model.addAttribute("error", e);
            return "security/user-edit";
        }
    }

    @PostMapping("/{id}/password")
    String resetPassword(@PathVariable long id, Model model) {
        String password = administration.resetPassword(id);
        model.addAttribute("user", administration.get(id));
        model.addAttribute("password", password);
        return "security/user-password";
    }

    private static Set<Role> roleSet(List<Role> roles) {
        return roles == null || roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles);
    }

    record UserForm(String username, String displayName, List<Role> roles, String scopeCode, boolean enabled) {}
}
