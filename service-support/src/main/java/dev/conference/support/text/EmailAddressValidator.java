package dev.conference.support.text;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link EmailAddress} with {@link EmailAddresses}, and says which rule an address broke. */
public final class EmailAddressValidator implements ConstraintValidator<EmailAddress, CharSequence> {

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        return EmailAddresses.problem(value.toString()).map(problem -> {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(Messages.literal(problem)).addConstraintViolation();
            return false;
        }).orElse(true);
    }
}
