package io.parley.roundtrip;

import io.parley.support.TestServer;

import java.util.Map;

class RoundTripOnPostgresIntegrationTest extends RoundTripContract {
    @Override
    TestServer newServer() {
        return TestServer.onPostgres("roundtrip-pg", Map.of());
    }
}
