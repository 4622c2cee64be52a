package org.liudong.security.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.liudong.security.SignInFlow;
import org.liudong.security.UserAdministration;
import org.liudong.shared.InvalidInput;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign-in page and the user's own password. */
@Controller
class AccountPages {

    private final UserAdministration administration;
    private final SignInFlow flow;

    AccountPages(UserAdministration administration, SignInFlow flow) {
        this.administration = administration;
        this.flow = flow;
    }

    @GetMapping("/login")
    String login() {
        return "security/login";
    }

    @GetMapping("/account/password")
    String passwordForm() {
        return "security/password";
    }

    @PostMapping("/account/password")
    String changePassword(
            @RequestParam String currentPassword,
            @RequestParam String newPassword,
            @RequestParam String repeatPassword,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response,
            org.springframework.web.servlet.mvc.support.RedirectAttributes changed) {
        try {
            if (!newPassword.equals(repeatPassword)) {
                throw new InvalidInput("repeatPassword", "The two new passwords differ");
            }
            administration.changeOwnPassword(currentPassword, newPassword);
            flow.refresh(request, response);
            // a fresh page, so that the header no longer asks for the first password to be changed
            changed.addFlashAttribute("changed", true);
            return "redirect:/account/password";
        } catch (InvalidInput e) {
            model.addAttribute("error", e);
        }
        return "security/password";
    }
}
