package org.oversight.ledger.web;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.MediaType;

/**
 * Tomcat's last word on an error response that nothing else wrote a body for: a request Tomcat
 * refused before any servlet ran (malformed request line, {@code %2F} in the path, headers over
 * the size limit, an invalid URI). Instead of Tomcat's HTML page it writes the RFC 9457 problem
 * for the status ({@link Problems#forStatus}); the detail is Tomcat's reason, never a stack trace.
 * Installed on the host by {@link ProblemErrorPages}.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String reason = response.getMessage();
        if ((reason == null || reason.isBlank()) && throwable != null) {
            reason = throwable.getMessage();
        }
        String detail = "the HTTP server refused the request (" + status + ")"
                + (reason == null || reason.isBlank() ? "" : ": " + reason);
        byte[] body = Problems.toBytes(status, Problems.forStatus(status), detail);
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.setContentLength(body.length);
            OutputStream out = response.getOutputStream();
            out.write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was committed meanwhile: nothing left to tell it.
            containerLog.debug("problem report for status " + status + " not written: " + e.getMessage());
        }
    }
}
