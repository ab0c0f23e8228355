package org.oversight.ledger.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}), replacing Spring Boot's whitelabel page and
 * its default JSON: an error that reached the container (a {@code sendError} from a filter, an
 * exception no handler caught) is answered with the problem for its status, and {@code /error}
 * requested directly is simply a path that does not exist (404). The body is written directly, so
 * no {@code Accept} header can turn it into anything else.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (!(code instanceof Integer status) || status < 400 || status > 599) {
            Problems.write(response, ProblemType.NOT_FOUND, "no resource at " + request.getRequestURI());
            return;
        }
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String detail = request.getMethod() + " " + uri + " failed with status " + status
                + (message instanceof String m && !m.isBlank() ? ": " + m : "");
        ProblemType type = Problems.forStatus(status);
        if (type == ProblemType.INTERNAL) {
            detail = "internal error; see the ledger log";
        }
        if (response.isCommitted()) {
            return; // part of an answer is already on its way; a problem cannot follow it
        }
        response.resetBuffer();
        Problems.write(response, status, type, detail);
    }
}
