package io.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageRequestTest {

    @Test
    void givenRandomBits_WhenWritten_ThenTheBodyIsJsonWithAVersion4UuidAndAHundredCharacterText() throws Exception {
        // given
        byte[] head = HttpConnection.head("POST", "/v1/conversations/c/messages", "h:1", "t", MessageRequest.BODY_LENGTH);
        byte[] buffer = new byte[head.length + MessageRequest.BODY_LENGTH];

        // when
        int length = MessageRequest.write(buffer, head, 0x0123456789abcdefL, 0xfedcba9876543210L, 3);

        // then
        assertThat(length).isEqualTo(buffer.length);
        JsonNode body = new ObjectMapper().readTree(new String(buffer, head.length, MessageRequest.BODY_LENGTH,
                StandardCharsets.US_ASCII));
        UUID id = UUID.fromString(body.get("messageId").asText());
        assertThat(id.version()).isEqualTo(4);
        assertThat(id.toString()).isEqualTo(body.get("messageId").asText());
        assertThat(body.get("text").asText()).hasSize(MessageRequest.TEXT_LENGTH);
    }
}
