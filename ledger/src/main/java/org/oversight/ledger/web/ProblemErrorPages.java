package org.oversight.ledger.web;

import org.apache.catalina.Container;
import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Replaces Tomcat's HTML error report (and the one Spring Boot adds) with
 * {@link ProblemErrorReportValve} on the embedded Tomcat's host, so that even requests refused
 * before Spring sees them are answered with a problem document. Runs after Boot's own Tomcat
 * customizer, whose error valve it removes.
 */
@Component
public class ProblemErrorPages implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            Container parent = context.getParent();
            if (!(parent instanceof Host host)) {
                throw new IllegalStateException("Tomcat context " + context.getName() + " has no host but " + parent);
            }
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                    host.getPipeline().removeValve(valve);
                }
            }
            if (host instanceof StandardHost standard) {
                // The host installs this class itself when it starts (and no other error report valve).
                standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            } else {
                host.getPipeline().addValve(new ProblemErrorReportValve());
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
