package io.parley.roundtrip;

import io.parley.support.TestServer;

import java.util.Map;

class RoundTripOnH2IntegrationTest extends RoundTripContract {
    @Override
    TestServer newServer() {
        return TestServer.onH2("roundtrip-h2", Map.of());
    }
}
