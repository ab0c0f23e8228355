package org.oversight.ledger.review;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reviewer console's address: {@code /console} leads to its page, a static resource of this
 * jar ({@code static/console/}, plain JavaScript modules, no build step; docs/console.md).
 */
@RestController
public class ConsoleController {
    @GetMapping({"/console", "/console/"})
    public ResponseEntity<Void> console() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/console/index.html")).build();
    }
}
