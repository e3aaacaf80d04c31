-- Users and their private state. relay_position.conversation_id now holds any aggregate's identifier:
-- a conversation id, or "user/<userId>" for a user's own log (a '/' is never part of a conversation id).

-- Every user the service has seen: from their first token use, or their first mention in a conversation.
-- Not a projection of one topic (token use is not an event), so a view rebuild keeps it.
CREATE TABLE known_user (
    user_id           VARCHAR(255) PRIMARY KEY,
    first_seen_millis BIGINT       NOT NULL
);

-- Built by the projector from parley.user-events.v1. last_sequence: the last user event applied (a
-- duplicate is skipped, a gap healed from the event store), as conversation_view.last_sequence does.
CREATE TABLE user_view (
    user_id             VARCHAR(255) PRIMARY KEY,
    last_sequence       BIGINT       NOT NULL,
    display_name        VARCHAR(1024),
    custom_data         TEXT,
    -- never published on Kafka: the projector reads it from the event store (only its owner reads it back)
    private_custom_data TEXT,
    -- API event types, comma-separated ("": none); NULL: the default before any choice (message.sent)
    push_events         TEXT
);

CREATE TABLE user_subscription_view (
    user_id            VARCHAR(255) NOT NULL,
    subscribed_user_id VARCHAR(255) NOT NULL,
    PRIMARY KEY (user_id, subscribed_user_id)
);
CREATE INDEX user_subscription_view_subscribed ON user_subscription_view (subscribed_user_id);

-- One user's settings for one conversation. cleared_up_to: messages sent at or before it are cleared for
-- the user; dropped_up_to: the conversation is out of the user's recent list until a message above it.
CREATE TABLE user_conversation_view (
    user_id            VARCHAR(255) NOT NULL,
    conversation_id    VARCHAR(255) NOT NULL,
    archived           BOOLEAN      NOT NULL DEFAULT FALSE,
    notification_level VARCHAR(16)  NOT NULL DEFAULT 'default',
    cleared_up_to      BIGINT       NOT NULL DEFAULT 0,
    dropped_up_to      BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, conversation_id)
);

-- Messages deleted for one user only ("delete for me"), with the sequence they were sent at.
CREATE TABLE hidden_message_view (
    user_id         VARCHAR(255) NOT NULL,
    conversation_id VARCHAR(255) NOT NULL,
    message_id      VARCHAR(255) NOT NULL,
    sequence        BIGINT       NOT NULL,
    PRIMARY KEY (user_id, conversation_id, message_id)
);
CREATE INDEX hidden_message_view_sequence ON hidden_message_view (user_id, conversation_id, sequence);

-- sequence: the conversation sequence the message was sent at (clearing up to it removes the favourite);
-- added_sequence: the user event that added it (the list is ordered by it, newest first).
CREATE TABLE favourite_view (
    user_id         VARCHAR(255) NOT NULL,
    conversation_id VARCHAR(255) NOT NULL,
    message_id      VARCHAR(255) NOT NULL,
    sequence        BIGINT       NOT NULL,
    added_sequence  BIGINT       NOT NULL,
    added_at_millis BIGINT       NOT NULL,
    PRIMARY KEY (user_id, conversation_id, message_id)
);
CREATE INDEX favourite_view_order ON favourite_view (user_id, added_sequence);

-- Presence: not an event (API.md: never in the event store); the last status each user set.
CREATE TABLE user_presence (
    user_id           VARCHAR(255) PRIMARY KEY,
    online            BOOLEAN      NOT NULL,
    changed_at_millis BIGINT       NOT NULL
);

-- The command side's copy of what each user cleared and deleted for themselves, written by the "command-index"
-- processor in the transaction that appends the user event, so that the answers of read-state commands
-- (unreadCount) leave those messages out without waiting for the views.
CREATE TABLE private_clear_index (
    user_id         VARCHAR(255) NOT NULL,
    conversation_id VARCHAR(255) NOT NULL,
    cleared_up_to   BIGINT       NOT NULL,
    PRIMARY KEY (user_id, conversation_id)
);

CREATE TABLE private_hidden_index (
    user_id         VARCHAR(255) NOT NULL,
    conversation_id VARCHAR(255) NOT NULL,
    message_id      VARCHAR(255) NOT NULL,
    sequence        BIGINT       NOT NULL,
    PRIMARY KEY (user_id, conversation_id, message_id)
);

-- Live stream sessions per gateway process and user (presence from connections); each gateway notes that it is
-- alive, and the others take the connections of one that stopped noting for a while as gone.
CREATE TABLE stream_connection (
    gateway_id VARCHAR(64)  NOT NULL,
    user_id    VARCHAR(255) NOT NULL,
    sessions   INTEGER      NOT NULL,
    PRIMARY KEY (gateway_id, user_id)
);
CREATE INDEX stream_connection_user ON stream_connection (user_id);

CREATE TABLE gateway_heartbeat (
    gateway_id     VARCHAR(64) PRIMARY KEY,
    seen_at_millis BIGINT      NOT NULL
);
