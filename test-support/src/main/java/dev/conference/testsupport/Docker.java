package dev.conference.testsupport;

import org.testcontainers.DockerClientFactory;

/** Whether a Docker engine answers; asked once per test JVM. */
final class Docker {

    private static Boolean available;

    private Docker() {
    }

    static synchronized boolean isAvailable() {
        if (available == null) {
            boolean answered;
            try {
                answered = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                answered = false;
            }
            available = answered;
        }
        return available;
    }
}
