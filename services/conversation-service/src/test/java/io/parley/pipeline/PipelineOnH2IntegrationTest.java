package io.parley.pipeline;

import io.parley.support.TestServer;

import java.util.Map;

class PipelineOnH2IntegrationTest extends PipelineContract {
    @Override
    TestServer newServer() {
        return TestServer.onH2("pipeline-h2", Map.of());
    }
}
