package dev.conference.c4p.consistency;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Run by the Kubernetes CronJob; reachable only inside the cluster. */
@RestController
class ConsistencyCheckController {

    private final ConsistencyCheck check;

    ConsistencyCheckController(ConsistencyCheck check) {
        this.check = check;
    }

    @PostMapping("/consistency-checks")
    ConsistencyReport run() {
        return check.run();
    }
}
