package io.parley.user;

/**
 * The configurable limits the {@link User} aggregate enforces itself (sizes of profile fields are
 * checked at the boundary). Injected into the command handlers as a resource, like
 * {@code ConversationLimits}.
 */
public interface UserLimits {
    /** How many users one user may be subscribed to at once; 1,000 by default. */
    int maxSubscriptions();

    /** How many messages one user may keep as favourites at once; 1,000 by default. */
    int maxFavourites();

    static UserLimits defaults() {
        return of(1000, 1000);
    }

    static UserLimits of(int maxSubscriptions, int maxFavourites) {
        return new UserLimits() {
            @Override
            public int maxSubscriptions() {
                return maxSubscriptions;
            }

            @Override
            public int maxFavourites() {
                return maxFavourites;
            }

            @Override
            public String toString() {
                return "UserLimits[maxSubscriptions=" + maxSubscriptions + ", maxFavourites=" + maxFavourites + "]";
            }
        };
    }
}
