package dev.conference.support.text;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link PlainText} with {@link TextRules}, and says which rule a text broke. */
public final class PlainTextValidator implements ConstraintValidator<PlainText, CharSequence> {

    private boolean multiline;
    private boolean visible;

    @Override
    public void initialize(PlainText annotation) {
        multiline = annotation.multiline();
        visible = annotation.visible();
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        return TextRules.problem(value.toString(), multiline, visible).map(problem -> {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem.replace("{", "\\{").replace("$", "\\$")).addConstraintViolation();
            return false;
        }).orElse(true);
    }
}
