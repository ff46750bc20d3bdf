package dev.conference.c4p.outbox;

/** A delivery that did not go through: retried later, or (when permanent) given up until someone acts. */
public class DeliveryFailure extends RuntimeException {

    private final boolean permanent;

    private DeliveryFailure(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public static DeliveryFailure retryable(String message, Throwable cause) {
        return new DeliveryFailure(message, false, cause);
    }

    /** The receiver understood the request and refused it; repeating it would not help. */
    public static DeliveryFailure permanent(String message) {
        return new DeliveryFailure(message, true, null);
    }

    public boolean isPermanent() {
        return permanent;
    }
}
