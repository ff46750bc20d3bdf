package dev.conference.frontend.secrets;

/** A failure of the run, its message the one line the operator reads. It never holds a secret value. */
class ReleaseSecretsException extends RuntimeException {

    ReleaseSecretsException(String message) {
        super(message);
    }
}
