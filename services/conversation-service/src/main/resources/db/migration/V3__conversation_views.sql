-- Views built by the projector from the conversation topic. Each conversation's row remembers the last
-- sequence applied to it, updated in the same transaction as the view changes: a duplicate is skipped,
-- a gap is healed from the event store. Dropping these tables and replaying the topic rebuilds them.
CREATE TABLE conversation_view (
    conversation_id    VARCHAR(255) PRIMARY KEY,
    title              VARCHAR(1024),
    custom_data        TEXT,
    direct             BOOLEAN      NOT NULL,
    public_join        BOOLEAN      NOT NULL,
    unique_name        VARCHAR(255),
    history_visibility VARCHAR(16)  NOT NULL,
    created_at_millis  BIGINT       NOT NULL,
    created_by         VARCHAR(255) NOT NULL,
    last_sequence      BIGINT       NOT NULL,
    last_update_millis BIGINT       NOT NULL,
    participant_count  INTEGER      NOT NULL,
    message_count      BIGINT       NOT NULL,
    last_message_id    VARCHAR(255),
    last_message_sequence BIGINT,
    deleted            BOOLEAN      NOT NULL DEFAULT FALSE
);

CREATE TABLE participant_view (
    conversation_id    VARCHAR(255) NOT NULL,
    user_id            VARCHAR(255) NOT NULL,
    permissions        VARCHAR(255) NOT NULL,
    active             BOOLEAN      NOT NULL,
    joined_sequence    BIGINT       NOT NULL,
    joined_at_millis   BIGINT       NOT NULL,
    left_sequence      BIGINT,
    read_sequence      BIGINT       NOT NULL DEFAULT 0,
    delivered_sequence BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX participant_view_user ON participant_view (user_id, active);

CREATE TABLE message_view (
    conversation_id  VARCHAR(255) NOT NULL,
    sequence         BIGINT       NOT NULL,
    message_id       VARCHAR(255) NOT NULL,
    author           VARCHAR(255) NOT NULL,
    text             TEXT,
    payload          TEXT,
    attributes       TEXT,
    media            TEXT,
    reply_to         VARCHAR(255),
    mentions         TEXT,
    forwarded_from   TEXT,
    sent_at_millis   BIGINT       NOT NULL,
    edited_at_millis BIGINT,
    removed          BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (conversation_id, sequence),
    CONSTRAINT message_view_id UNIQUE (conversation_id, message_id)
);
