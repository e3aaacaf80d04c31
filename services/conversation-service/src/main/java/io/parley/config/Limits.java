package io.parley.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.parley.conversation.ConversationLimits;
import io.parley.user.UserLimits;
import jakarta.validation.constraints.Min;

/**
 * The limits of API.md, configurable under {@code parley.limits} (request bodies:
 * {@code micronaut.server.max-request-size}). Sizes of JSON values are bytes of their UTF-8 encoding. Checked at start.
 *
 * @param textLength                characters of a message's text
 * @param payloadAndAttributesBytes a message's payload and attributes together
 * @param customDataBytes           a conversation's or user's custom data (and private custom data)
 * @param titleLength               characters of a title
 * @param participants              participants of one conversation
 * @param batchGet                  conversations per batch get
 * @param usersBatchGet             users per batch get
 * @param defaultPageSize           items of a page when the client names no size
 * @param maxPageSize               items of a page at most
 * @param replayEvents              events per replay call
 * @param subscriptions             users one user may subscribe to (presence and profile changes)
 * @param favourites                favourite messages per user
 * @param hiddenPerRequest          message ids in one "delete for me" request
 */
@Context
@ConfigurationProperties("parley.limits")
public record Limits(@Min(1) int textLength, @Min(1) int payloadAndAttributesBytes, @Min(1) int customDataBytes,
                     @Min(1) int titleLength, @Min(1) int participants, @Min(1) int batchGet, @Min(1) int usersBatchGet,
                     @Min(1) int defaultPageSize, @Min(1) int maxPageSize, @Min(1) int replayEvents,
                     @Min(0) int subscriptions, @Min(0) int favourites, @Min(1) int hiddenPerRequest)
        implements ConversationLimits, UserLimits {

    @Override
    public int maxParticipants() {
        return participants;
    }

    @Override
    public int maxSubscriptions() {
        return subscriptions;
    }

    @Override
    public int maxFavourites() {
        return favourites;
    }
}
