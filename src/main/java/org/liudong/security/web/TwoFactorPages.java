package org.liudong.security.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.liudong.security.SignInFlow;
import org.liudong.security.TwoFactor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The second step of a sign-in (a TOTP or recovery code) and the enrolment of an authenticator app. */
@Controller
class TwoFactorPages {

    private static final String ENROLMENT = "liudong.totpEnrolment";

    private final SignInFlow flow;
    private final TwoFactor twoFactor;

    TwoFactorPages(SignInFlow flow, TwoFactor twoFactor) {
        this.flow = flow;
        this.twoFactor = twoFactor;
    }

    @GetMapping("/login/totp")
    String codeForm() {
        return flow.pending().isPresent() ? "security/totp" : "redirect:/login";
    }

    @PostMapping("/login/totp")
    String code(@RequestParam String code, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (flow.pending().isEmpty()) {
            return "redirect:/login";
        }
        if (flow.verifyCode(code, request, response)) {
            return "redirect:/";
        }
        if (flow.pending().isEmpty()) {
            return "redirect:/login?error";
        }
        model.addAttribute("failed", true);
        return "security/totp";
    }

    @GetMapping("/account/totp")
    String enrolForm(HttpSession session, Model model) {
        var user = flow.enrollingUser();
        if (user.isEmpty()) {
            return "redirect:/login";
        }
        var enrolment = twoFactor.start(user.get());
        session.setAttribute(ENROLMENT, enrolment.secret());
        model.addAttribute("enrolment", enrolment);
        model.addAttribute("enrolled", twoFactor.enrolled(user.get().userId()));
        model.addAttribute("required", twoFactor.required(user.get()));
        return "security/totp-enrol";
    }

    @PostMapping("/account/totp")
    String enrol(
            @RequestParam String code,
            HttpSession session,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        var user = flow.enrollingUser();
        if (user.isEmpty() || !(session.getAttribute(ENROLMENT) instanceof String secret)) {
            return "redirect:/login";
        }
        var codes = flow.confirmEnrolment(secret, code, request, response);
        if (codes.isEmpty()) {
            model.addAttribute("failed", true);
            model.addAttribute(
                    "enrolment",
                    new TwoFactor.Enrolment(
                            secret,
                            org.liudong.security.Totp.uri("Liudong", user.get().username(), secret)));
            model.addAttribute("enrolled", false);
            model.addAttribute("required", twoFactor.required(user.get()));
            return "security/totp-enrol";
        }
        request.getSession().removeAttribute(ENROLMENT);
        model.addAttribute("recoveryCodes", codes.get());
        return "security/totp-recovery";
    }
}
