package io.parley.conversation.event;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MessageSentTest {
    private static final MessageSent SENT = new MessageSent("c-1", "bob", "m-1", "a secret", "[{\"k\":1}]",
            "{\"a\":1}", List.of(), null, List.of(), null);

    @Test
    void givenAMessage_WhenAnEditGivesNewText_ThenOnlyTheTextChanges() {
        MessageSent edited = SENT.edited(new MessageEdited("c-1", "bob", "m-1", "nothing", null, null, List.of()));

        assertThat(edited).isEqualTo(new MessageSent("c-1", "bob", "m-1", "nothing", "[{\"k\":1}]", "{\"a\":1}",
                List.of(), null, List.of(), null));
    }

    @Test
    void givenAMessage_WhenAnEditClearsFields_ThenTheyAreNull() {
        MessageSent edited = SENT.edited(new MessageEdited("c-1", "bob", "m-1", null, null, "{\"a\":2}",
                List.of("text", "payload")));

        assertThat(edited.text()).isNull();
        assertThat(edited.payload()).isNull();
        assertThat(edited.attributes()).isEqualTo("{\"a\":2}");
    }
}
