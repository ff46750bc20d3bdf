package dev.conference.email.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageIdTest {

    @Test
    void theSameKeyAlwaysGivesTheSameMessageId() {
        assertThat(MessageId.forKey("proposal:42:received", "conference-platform.local"))
                .isEqualTo(MessageId.forKey("proposal:42:received", "conference-platform.local"));
    }

    @Test
    void differentKeysGiveDifferentMessageIds() {
        assertThat(MessageId.forKey("proposal:42:received", "conference-platform.local"))
                .isNotEqualTo(MessageId.forKey("proposal:42:approved", "conference-platform.local"));
    }

    @Test
    void theMessageIdIsTheKeysSha256InAngleBracketsAtTheDomain() {
        // printf %s abc | sha256sum → ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assertThat(MessageId.forKey("abc", "example.org").value())
                .isEqualTo("<ba7816bf8f01cfea414140de5dae2223@example.org>");
    }
}
