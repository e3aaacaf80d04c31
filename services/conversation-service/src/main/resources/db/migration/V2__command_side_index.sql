-- Lookups the command side needs without loading whole conversations, written by the subscribing
-- processor "command-index" in the same transaction as the events, so they are never behind them.

-- Every message by id: idempotent sends beyond the aggregate's recent window, replyTo, edit and removal rules.
CREATE TABLE message_index (
    conversation_id VARCHAR(255) NOT NULL,
    message_id      VARCHAR(255) NOT NULL,
    sequence        BIGINT       NOT NULL,
    author          VARCHAR(255) NOT NULL,
    sent_at_millis  BIGINT       NOT NULL,
    removed         BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (conversation_id, message_id)
);

-- uniqueName is unique across the service: the constraint decides races between concurrent creates.
CREATE TABLE conversation_name (
    unique_name     VARCHAR(255) PRIMARY KEY,
    conversation_id VARCHAR(255) NOT NULL UNIQUE
);

-- One direct conversation per pair of users (first_user < second_user).
CREATE TABLE direct_pair (
    first_user      VARCHAR(255) NOT NULL,
    second_user     VARCHAR(255) NOT NULL,
    conversation_id VARCHAR(255) NOT NULL UNIQUE,
    PRIMARY KEY (first_user, second_user)
);
