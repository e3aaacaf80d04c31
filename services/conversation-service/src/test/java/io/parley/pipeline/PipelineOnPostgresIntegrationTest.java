package io.parley.pipeline;

import io.parley.support.TestServer;

import java.util.Map;

class PipelineOnPostgresIntegrationTest extends PipelineContract {
    @Override
    TestServer newServer() {
        return TestServer.onPostgres("pipeline-pg", Map.of());
    }
}
