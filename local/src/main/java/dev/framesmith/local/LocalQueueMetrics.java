package dev.framesmith.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToLongFunction;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The queue series the CloudWatch exporter publishes in AWS, for the local Prometheus ({@code --monitoring}), so that
 * the queue alerts and panels work here too: on every scrape of {@code /metrics}, the SQS stand-in is asked for each
 * {@code framesmith-*} queue's messages (GetQueueAttributes), published as
 * {@code aws_sqs_approximate_number_of_messages_visible_maximum{queue_name}} and
 * {@code aws_sqs_approximate_number_of_messages_not_visible_maximum{queue_name}}, named as the exporter names them.
 * SQS's API has no age of the oldest message (CloudWatch computes it), so that series is not published here. While
 * the stand-in does not answer, the scrape fails and the series are absent, as when CloudWatch cannot be read.
 */
final class LocalQueueMetrics implements AutoCloseable {

    static final String VISIBLE = "aws_sqs_approximate_number_of_messages_visible_maximum";
    static final String NOT_VISIBLE = "aws_sqs_approximate_number_of_messages_not_visible_maximum";
    static final String QUEUE_PREFIX = "framesmith-";

    /** One queue's messages, as SQS counts them. */
    record QueueDepth(String queue, long visible, long notVisible) {
    }

    private final URI sqs;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "queue-metrics");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LocalQueueMetrics(URI sqs, InetSocketAddress address) throws IOException {
        this.sqs = sqs;
        this.server = HttpServer.create(address, 0);
        server.setExecutor(threads);
        server.createContext("/metrics", this::scrape);
        server.start();
    }

    /** Serves {@code /metrics} on {@code address} (port 0: a free one), asking the SQS stand-in at {@code sqs}. */
    static LocalQueueMetrics start(URI sqs, InetSocketAddress address) {
        try {
            return new LocalQueueMetrics(sqs, address);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the queue metrics: " + e.getMessage(), e);
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The Prometheus text exposition of these queues' depths. */
    static String exposition(List<QueueDepth> queues) {
        StringBuilder text = new StringBuilder();
        series(text, VISIBLE, "Messages available for retrieval (SQS ApproximateNumberOfMessages)", queues,
                QueueDepth::visible);
        series(text, NOT_VISIBLE, "Messages in flight (SQS ApproximateNumberOfMessagesNotVisible)", queues,
                QueueDepth::notVisible);
        return text.toString();
    }

    private static void series(StringBuilder text, String name, String help, List<QueueDepth> queues,
            ToLongFunction<QueueDepth> value) {
        text.append("# HELP ").append(name).append(' ').append(help).append('\n');
        text.append("# TYPE ").append(name).append(" gauge\n");
        for (QueueDepth queue : queues) {
            text.append(name).append("{queue_name=\"").append(queue.queue()).append("\"} ")
                    .append(value.applyAsLong(queue)).append('\n');
        }
    }

    /** Every {@code framesmith-*} queue of the stand-in with its depth, by name. */
    List<QueueDepth> depths() throws IOException, InterruptedException {
        List<QueueDepth> depths = new ArrayList<>();
        for (String url : texts(call(Map.of("Action", "ListQueues", "QueueNamePrefix", QUEUE_PREFIX)), "QueueUrl")) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("Action", "GetQueueAttributes");
            query.put("QueueUrl", url);
            query.put("AttributeName.1", "ApproximateNumberOfMessages");
            query.put("AttributeName.2", "ApproximateNumberOfMessagesNotVisible");
            Document answer = call(query);
            Map<String, Long> attributes = new LinkedHashMap<>();
            NodeList nodes = answer.getElementsByTagName("Attribute");
            for (int i = 0; i < nodes.getLength(); i++) {
                Element attribute = (Element) nodes.item(i);
                attributes.put(text(attribute, "Name"), Long.parseLong(text(attribute, "Value")));
            }
            depths.add(new QueueDepth(url.substring(url.lastIndexOf('/') + 1),
                    attributes.getOrDefault("ApproximateNumberOfMessages", 0L),
                    attributes.getOrDefault("ApproximateNumberOfMessagesNotVisible", 0L)));
        }
        depths.sort(Comparator.comparing(QueueDepth::queue));
        return depths;
    }

    private void scrape(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            int status;
            try {
                body = exposition(depths()).getBytes(StandardCharsets.UTF_8);
                status = 200;
            } catch (IOException | RuntimeException e) {
                body = ("the SQS stand-in did not answer: " + e.getMessage()).getBytes(StandardCharsets.UTF_8);
                status = 503;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", status == 200
                    ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** One call of SQS's query protocol (unsigned: the stand-in does not check signatures). */
    private Document call(Map<String, String> parameters) throws IOException, InterruptedException {
        StringBuilder form = new StringBuilder("Version=2012-11-05");
        parameters.forEach((name, value) -> form.append('&').append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(sqs.resolve("/"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(parameters.get("Action") + " answered " + response.statusCode());
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body()));
        } catch (SAXException | ParserConfigurationException e) {
            throw new IOException(parameters.get("Action") + " answered what is not XML", e);
        }
    }

    private static List<String> texts(Document document, String tag) {
        NodeList nodes = document.getElementsByTagName(tag);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().trim());
        }
        return texts;
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent().trim();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
