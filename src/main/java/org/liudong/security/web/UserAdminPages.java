package org.liudong.security.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.liudong.security.Role;
import org.liudong.security.UserAccount;
import org.liudong.security.UserAdministration;
import org.liudong.security.UserAdministration.NewUser;
import org.liudong.shared.DomainException;
import org.liudong.shared.InvalidFields;
import org.liudong.shared.InvalidInput;
import org.liudong.shared.Languages;
import org.springframework.context.MessageSource;
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
    private final MessageSource messages;
    private final org.liudong.org.OrgUnits orgUnits;

    UserAdminPages(UserAdministration administration, MessageSource messages, org.liudong.org.OrgUnits orgUnits) {
        this.administration = administration;
        this.messages = messages;
        this.orgUnits = orgUnits;
    }

    @GetMapping
    String list(Model model) {
        List<UserAccount> users = administration.list();
        model.addAttribute("users", users);
        // the scope by name (石景山区), its code beside it
        java.util.Map<String, String> scopeNames = new java.util.HashMap<>();
        users.forEach(u -> scopeNames.computeIfAbsent(
                u.scopeCode(),
                code -> orgUnits.find(code).map(org.liudong.org.OrgUnit::name).orElse(code)));
        model.addAttribute("scopeNames", scopeNames);
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
            Model model,
            Locale locale) {
        try {
            var created = administration.create(new NewUser(username, displayName, roleSet(roles), scopeCode));
            model.addAttribute("user", created.account());
            model.addAttribute("password", created.firstPassword());
            return "security/user-password";
        } catch (InvalidInput | InvalidFields e) {
            model.addAttribute("roles", Role.values());
            model.addAttribute(
                    "form", new UserForm(username, displayName, roles == null ? List.of() : roles, scopeCode, true));
            model.addAttribute("faults", faults(e, locale));
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
            RedirectAttributes redirect,
            Locale locale) {
        try {
            administration.update(id, displayName, roleSet(roles), scopeCode, enabled);
            redirect.addFlashAttribute("saved", true);
            return "redirect:/admin/users";
        } catch (InvalidInput | InvalidFields e) {
            UserAccount account = administration.get(id);
            model.addAttribute("user", account);
            model.addAttribute("roles", Role.values());
            model.addAttribute(
                    "form",
                    new UserForm(
                            account.username(), displayName, roles == null ? List.of() : roles, scopeCode, enabled));
            model.addAttribute("faults", faults(e, locale));
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

    /** What is wrong with the form, every field at once, in the reader's language. */
    private List<String> faults(DomainException e, Locale locale) {
        if (e instanceof InvalidFields fields) {
            return fields.violations().stream()
                    .map(v -> Languages.fieldError(messages, v, locale, "users.field."))
                    .toList();
        }
        InvalidInput input = (InvalidInput) e;
        String text = messages.getMessage("invalid." + input.field(), null, null, locale);
        return List.of(text != null ? text : input.message(locale));
    }

    private static Set<Role> roleSet(List<Role> roles) {
        return roles == null || roles.isEmpty() ? Set.of() : EnumSet.copyOf(roles);
    }

    record UserForm(String username, String displayName, List<Role> roles, String scopeCode, boolean enabled) {}
}
