package dev.framesmith.support.health;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/** Publishes {@code http_server_requests_seconds_bucket}: latency quantiles are computed in Prometheus. */
class HttpServerHistogram implements MeterFilter {

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (!id.getName().equals(HTTP_SERVER_REQUESTS)) {
            return config;
        }
        return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
    }
}
