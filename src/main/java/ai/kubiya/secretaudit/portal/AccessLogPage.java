package ai.kubiya.secretaudit.portal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Who signed in and what they downloaded, latest first: auditors only (PortalSecurityConfiguration). */
@Controller
@ConditionalOnProperty(name = PortalSecurityConfiguration.SERVE, havingValue = "true")
class AccessLogPage {

    private final AccessLog accessLog;

    AccessLogPage(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    @GetMapping("/access-log")
    String accessLog(Authentication authentication, Model model) {
        model.addAttribute("viewer", Viewer.of(authentication));
        model.addAttribute("entries", accessLog.latest());
        model.addAttribute("shown", AccessLog.PAGE);
        return "portal/access-log";
    }
}
