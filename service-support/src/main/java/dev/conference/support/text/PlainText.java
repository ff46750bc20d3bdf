package dev.conference.support.text;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Text a person typed, and nothing that only looks like it: no NUL or other control characters (line
 * breaks and tabs only where {@link #multiline()}), no lone surrogates, no characters that reverse the
 * direction of what follows, no replacement character left by a broken encoding. With {@link #visible()},
 * at least one character must show. With {@link #mailHeader()}, no MIME encoded-words either.
 * {@code null} is valid: pair it with {@code @NotBlank} where needed.
 */
@Documented
@Constraint(validatedBy = PlainTextValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

    String message() default "must be plain text";

    /** Whether line breaks and tabs are allowed. */
    boolean multiline() default false;

    /** Whether at least one character must be visible (not white space, not an invisible format character). */
    boolean visible() default false;

    /**
     * Whether the text ends up in a mail header (a display name, a subject): then it must not contain MIME
     * encoded-words ({@code =?utf-8?B?...?=}), which mail programs would decode into text these rules never saw.
     */
    boolean mailHeader() default false;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
