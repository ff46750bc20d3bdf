package dev.conference.support.text;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link PlainText} with {@link TextRules}, and says which rule a text broke. */
public final class PlainTextValidator implements ConstraintValidator<PlainText, CharSequence> {

    private boolean multiline;
    private boolean visible;
    private boolean mailHeader;

    @Override
    public void initialize(PlainText annotation) {
        multiline = annotation.multiline();
        visible = annotation.visible();
        mailHeader = annotation.mailHeader();
    }

    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        String text = value.toString();
        var problem = TextRules.problem(text, multiline, visible);
        if (problem.isEmpty() && mailHeader) {
            problem = TextRules.mailHeaderProblem(text);
        }
        return problem.map(reason -> {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(Messages.literal(reason)).addConstraintViolation();
            return false;
        }).orElse(true);
    }
}
