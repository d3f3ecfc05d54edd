package ai.kubiya.secretaudit.portal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** A filter or id the portal cannot use: 400, and a page that says which parameter, never what was sent. */
@ControllerAdvice
@ConditionalOnProperty(name = PortalSecurityConfiguration.SERVE, havingValue = "true")
class PortalErrors {

    @ExceptionHandler(FindingFilter.BadFilterException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badFilter(FindingFilter.BadFilterException e, Model model) {
        model.addAttribute("problem", e.getMessage());
        return "portal/problem";
    }

    /** e.g. /runs/abc: the id is a number. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badId(MethodArgumentTypeMismatchException e, Model model) {
        model.addAttribute("problem", "parameter " + e.getName() + " must be a number");
        return "portal/problem";
    }
}
