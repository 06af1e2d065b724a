package org.leadscoring.scoring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** The address can be a person's identity: {@link EmailAddress#problem} finds nothing wrong with its domain. */
@Documented
@Constraint(validatedBy = Mailbox.Check.class)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface Mailbox {

    String message() default "is not a valid email address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Says which part of the address is wrong, in the words of {@link EmailAddress#problem}. */
    final class Check implements ConstraintValidator<Mailbox, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return EmailAddress.problem(value).map(problem -> {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
                return false;
            }).orElse(true);
        }
    }
}
