package io.parley.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.parley.conversation.ConversationLimits;
import io.parley.user.UserLimits;

/**
 * The limits of API.md, configurable under {@code parley.limits} (request bodies:
 * {@code micronaut.server.max-request-size}). Sizes of JSON values are bytes of their UTF-8 encoding.
 */
@ConfigurationProperties("parley.limits")
public class Limits implements ConversationLimits, UserLimits {
    private int textLength = 4096;
    private int payloadAndAttributesBytes = 16 * 1024;
    private int customDataBytes = 16 * 1024;
    private int titleLength = 256;
    private int participants = 5000;
    private int batchGet = 30;
    private int usersBatchGet = 50;
    private int defaultPageSize = 30;
    private int maxPageSize = 100;
    private int replayEvents = 100;
    private int subscriptions = 1000;
    private int favourites = 1000;
    private int hiddenPerRequest = 100;

    @Override
    public int maxParticipants() {
        return participants;
    }

    public int getTextLength() { return textLength; }
    public void setTextLength(int textLength) { this.textLength = textLength; }
    public int getPayloadAndAttributesBytes() { return payloadAndAttributesBytes; }
    public void setPayloadAndAttributesBytes(int bytes) { this.payloadAndAttributesBytes = bytes; }
    public int getCustomDataBytes() { return customDataBytes; }
    public void setCustomDataBytes(int customDataBytes) { this.customDataBytes = customDataBytes; }
    public int getTitleLength() { return titleLength; }
    public void setTitleLength(int titleLength) { this.titleLength = titleLength; }
    public int getParticipants() { return participants; }
    public void setParticipants(int participants) { this.participants = participants; }
    public int getBatchGet() { return batchGet; }
    public void setBatchGet(int batchGet) { this.batchGet = batchGet; }
    public int getUsersBatchGet() { return usersBatchGet; }
    public void setUsersBatchGet(int usersBatchGet) { this.usersBatchGet = usersBatchGet; }
    public int getDefaultPageSize() { return defaultPageSize; }
    public void setDefaultPageSize(int defaultPageSize) { this.defaultPageSize = defaultPageSize; }
    public int getMaxPageSize() { return maxPageSize; }
    public void setMaxPageSize(int maxPageSize) { this.maxPageSize = maxPageSize; }
    @Override
    public int maxSubscriptions() {
        return subscriptions;
    }

    @Override
    public int maxFavourites() {
        return favourites;
    }

    public int getReplayEvents() { return replayEvents; }
    public void setReplayEvents(int replayEvents) { this.replayEvents = replayEvents; }
    /** Users one user may subscribe to (presence and profile changes). */
    public int getSubscriptions() { return subscriptions; }
    public void setSubscriptions(int subscriptions) { this.subscriptions = subscriptions; }
    /** Favourite messages per user. */
    public int getFavourites() { return favourites; }
    public void setFavourites(int favourites) { this.favourites = favourites; }
    /** Message ids in one "delete for me" request. */
    public int getHiddenPerRequest() { return hiddenPerRequest; }
    public void setHiddenPerRequest(int hiddenPerRequest) { this.hiddenPerRequest = hiddenPerRequest; }
}
