package dev.conference.web.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Spring's and Spring Security's log calls through Commons Logging, as the services make them: a message of a level that
 * is off costs no rendering, and one that is on still reaches Logback under its logger's name.
 */
class CommonsLoggingBackEndTest {

    private static final String NAME = "dev.conference.web.logging.Probe";

    private final Logger logback = (Logger) LoggerFactory.getLogger(NAME);
    private final ListAppender<ILoggingEvent> appended = new ListAppender<>();

    @BeforeEach
    void listen() {
        logback.setLevel(Level.INFO);
        appended.start();
        logback.addAppender(appended);
    }

    @AfterEach
    void stopListening() {
        logback.detachAppender(appended);
        logback.setLevel(null);
    }

    @Test
    void aMessageOfALevelThatIsOffIsNeverRendered() {
        Log log = LogFactory.getLog(NAME);
        CountedMessage message = new CountedMessage("Trying to match using a matcher");

        log.debug(message);
        log.trace(message);

        assertThat(message.rendered).as("times the debug and trace messages were rendered").isZero();
        assertThat(appended.list).isEmpty();
    }

    @Test
    void aMessageOfALevelThatIsOnReachesLogbackUnderItsLoggersName() {
        LogFactory.getLog(NAME).info(new CountedMessage("Started"));

        assertThat(appended.list).singleElement().satisfies(event -> {
            assertThat(event.getLoggerName()).isEqualTo(NAME);
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(event.getFormattedMessage()).isEqualTo("Started");
        });
    }

    /** A lazily built message, as Spring's LogMessage is: counts how often it is turned into text. */
    private static final class CountedMessage implements CharSequence {

        private final String text;
        private int rendered;

        CountedMessage(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            rendered++;
            return text;
        }

        @Override
        public int length() {
            return toString().length();
        }

        @Override
        public char charAt(int index) {
            return toString().charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return toString().subSequence(start, end);
        }
    }
}
