package org.liudong.security.web;

import jakarta.servlet.http.HttpServletRequest;
import org.liudong.security.LiudongUser;
import org.liudong.security.UserSessions;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The user's own sessions: see where they are signed in, end one, all others, or everywhere. */
@Controller
class SessionPages {

    private final UserSessions sessions;

    SessionPages(UserSessions sessions) {
        this.sessions = sessions;
    }

    @GetMapping("/account/sessions")
    String list(@AuthenticationPrincipal LiudongUser user, HttpServletRequest request, Model model) {
        model.addAttribute(
                "sessions", sessions.of(user.username(), request.getSession().getId()));
        return "security/sessions";
    }

    @PostMapping("/account/sessions/end")
    String end(
            @AuthenticationPrincipal LiudongUser user,
            @RequestParam String ref,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        boolean ended = sessions.end(user.username(), ref, request.getSession().getId(), request.getRemoteAddr());
        redirect.addFlashAttribute("ended", ended ? 1 : 0);
        return "redirect:/account/sessions";
    }

    @PostMapping("/account/sessions/end-others")
    String endOthers(
            @AuthenticationPrincipal LiudongUser user, HttpServletRequest request, RedirectAttributes redirect) {
        redirect.addFlashAttribute(
                "ended", sessions.endAll(user.username(), request.getSession().getId(), request.getRemoteAddr()));
        return "redirect:/account/sessions";
    }

    @PostMapping("/account/sessions/end-all")
    String endEverywhere(@AuthenticationPrincipal LiudongUser user, HttpServletRequest request) {
        sessions.endAll(user.username(), null, request.getRemoteAddr());
        request.getSession().invalidate();
        return "redirect:/login?logout";
    }
}
