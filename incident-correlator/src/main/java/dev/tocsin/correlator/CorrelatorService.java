package dev.tocsin.correlator;

import dev.tocsin.correlator.domain.Correlator;
import dev.tocsin.correlator.domain.Policy;
import dev.tocsin.correlator.domain.Retention;
import dev.tocsin.correlator.http.IncidentQueryApi;
import dev.tocsin.correlator.http.QueryRole;
import dev.tocsin.correlator.topology.CorrelatorMetrics;
import dev.tocsin.correlator.topology.CorrelatorStores;
import dev.tocsin.correlator.topology.CorrelatorTopology;
import dev.tocsin.correlator.topology.PruneSchedule;
import dev.tocsin.correlator.topology.StoreSizes;
import dev.tocsin.runtime.config.CommonSettings;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.config.ServiceConfig;
import dev.tocsin.runtime.http.Credentials;
import dev.tocsin.runtime.http.InstanceRouter;
import dev.tocsin.runtime.http.InstanceToken;
import dev.tocsin.runtime.http.RoleAccess;
import dev.tocsin.runtime.http.ServiceHttpServer;
import dev.tocsin.runtime.kafka.CoPartitioning;
import dev.tocsin.runtime.kafka.SchemaPrewarm;
import dev.tocsin.runtime.lifecycle.Closer;
import dev.tocsin.runtime.metrics.ServiceMetrics;
import dev.tocsin.runtime.streams.StreamsRunner;
import dev.tocsin.schemas.registry.SchemaRegistry;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topics;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires incident-correlator: policy, topology, Streams lifecycle and the incident query API. */
public final class CorrelatorService implements AutoCloseable {

    public static final String NAME = "incident-correlator";
    private static final Logger LOG = LoggerFactory.getLogger(CorrelatorService.class);

    private final Closer parts = new Closer();
    private ServiceHttpServer http;
    private StreamsRunner streams;

    public static CorrelatorService start(Environment env, Runnable onFatal) {
        return Closer.startOrClose(new CorrelatorService(), service -> service.startParts(env, onFatal));
    }

    private void startParts(Environment env, Runnable onFatal) {
        ServiceConfig config = ServiceConfig.from(env, NAME, CorrelatorSettings.DEFAULT_PORT);
        env.validate(CorrelatorSettings.all());
        Map<QueryRole, Credentials> readers = readers(env, config.local());
        Policy policy = env.optional(CorrelatorSettings.POLICY)
                .map(Path::of)
                .map(Policy::load)
                .orElseGet(Policy::defaults);
        LOG.info("Starting {} with {}", NAME, config);

        ServiceMetrics metrics = new ServiceMetrics(NAME);
        parts.add(metrics);
        AvroSerdes serdes = new AvroSerdes(SchemaRegistry.connect(config.schemaRegistry()));
        Topics topics = Topics.create(config.topicPrefix(), serdes);
        Properties props = StreamsRunner.properties(config, topics.deadLetters().name(), metrics);
        HostInfo self = InstanceRouter.advertise(props, env.optional(CorrelatorSettings.APPLICATION_SERVER));
        InstanceToken instances =
                InstanceToken.configured(env, self != null, CorrelatorSettings.APPLICATION_SERVER.env());
        streams = new StreamsRunner(
                CorrelatorTopology.build(
                        topics,
                        serdes,
                        new Correlator(policy, env.get(CommonSettings.UNCLASSIFIED_PRODUCT)),
                        new CorrelatorMetrics(metrics.registry(), env.get(CorrelatorSettings.METRICS_MAX_PRODUCTS)),
                        env.get(CorrelatorSettings.CLOCK_INTERVAL),
                        env.get(CorrelatorSettings.SNAPSHOT_INTERVAL),
                        env.get(CommonSettings.CLOCK_SKEW_TOLERANCE),
                        new Retention(
                                env.get(CorrelatorSettings.RETENTION_RESOLVED),
                                env.get(CorrelatorSettings.RETENTION_ALERTS),
                                env.get(CorrelatorSettings.RETENTION_TICKETS)),
                        new PruneSchedule(
                                env.get(CorrelatorSettings.PRUNE_INTERVAL), env.get(CorrelatorSettings.PRUNE_BATCH))),
                props,
                metrics,
                config.shutdownTimeout(),
                onFatal);
        parts.add(streams);
        SchemaPrewarm.run(serdes.registry(), topics, SchemaPrewarm.PATIENCE);
        CoPartitioning.require(
                config.kafkaProperties(),
                List.of(
                        topics.alerts().name(),
                        topics.customerReports().name(),
                        topics.incidentCommands().name()));
        streams.start();
        StoreSizes.register(
                metrics.registry(),
                streams.streams(),
                List.of(
                        CorrelatorStores.INCIDENTS,
                        CorrelatorStores.TRACKING,
                        CorrelatorStores.ALERTS,
                        CorrelatorStores.TICKETS,
                        CorrelatorStores.INCIDENT_TICKETS,
                        CorrelatorStores.TICKET_OWNERS));
        IncidentQueryApi api = new IncidentQueryApi(streams.streams(), self, instances);
        http = ServiceHttpServer.builder(NAME, metrics, streams)
                .listen(config.httpHost(), config.httpPort(), env.get(CorrelatorSettings.MANAGEMENT_PORT))
                .internalFlagsOnlyFrom(instances)
                .routes(app -> {
                    new RoleAccess(readers, instances).install(app);
                    api.register(app);
                })
                .start();
        parts.add(http);
    }

    /**
     * Operators read every route, support incidents and tickets. Production refuses to start
     * without operator credentials (support ones are optional); locally the dev token is an operator's.
     */
    private static Map<QueryRole, Credentials> readers(Environment env, boolean local) {
        Map<QueryRole, Credentials> byRole = new EnumMap<>(QueryRole.class);
        byRole.put(
                QueryRole.OPERATOR,
                Credentials.configured(
                        env,
                        local,
                        CorrelatorSettings.OPERATOR_TOKENS,
                        CorrelatorSettings.OPERATOR_BASIC,
                        "serve the query API"));
        byRole.put(
                QueryRole.SUPPORT,
                new Credentials(
                        env.optional(CorrelatorSettings.SUPPORT_TOKENS).orElse(List.of()),
                        env.optional(CorrelatorSettings.SUPPORT_BASIC).orElse(List.of())));
        return byRole;
    }

    public int port() {
        return http.port();
    }

    /** Where /metrics, /health and /ready answer. */
    public int managementPort() {
        return http.managementPort();
    }

    public StreamsRunner streams() {
        return streams;
    }

    @Override
    public void close() {
        parts.close();
    }
}
