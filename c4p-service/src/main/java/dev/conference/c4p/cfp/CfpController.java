package dev.conference.c4p.cfp;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CfpController {

    private final CfpWindow window;

    CfpController(CfpWindow window) {
        this.window = window;
    }

    @GetMapping("/cfp")
    CfpStatus status() {
        return window.status();
    }
}
