package dev.kryten.llm.plugins.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kryten.llm.api.ChatMessage;
import dev.kryten.llm.api.Completion;
import dev.kryten.llm.api.CompletionRequest;
import dev.kryten.llm.api.LlmProvider;
import dev.kryten.llm.api.ProviderError;
import dev.kryten.llm.api.ProviderException;
import dev.kryten.llm.api.ProviderHttp;
import dev.kryten.llm.api.ProviderSettings;
import dev.kryten.llm.api.StreamedLines;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.pf4j.Extension;

/**
 * Anthropic's Messages API: {@code POST <base_url>/v1/messages} with {@code x-api-key} and
 * {@code anthropic-version}; system messages go into the separate {@code system} field. Option
 * {@code stream: true} reads the server-sent events ({@code content_block_delta} … {@code message_stop}).
 * Options: {@code anthropic_version} (default 2023-06-01). Base URL default {@code https://api.anthropic.com}.
 */
@Extension
public final class AnthropicProvider implements LlmProvider {
    static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    static final String DEFAULT_VERSION = "2023-06-01";

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Runnable::run) // completion steps only hand over a body: no thread hop needed
            .build();
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Set<String> types() {
        return Set.of("anthropic");
    }

    @Override
    public Completion complete(CompletionRequest request, ProviderSettings settings) throws ProviderException {
        boolean stream = Boolean.TRUE.equals(settings.options().get("stream"));
        long started = System.nanoTime();
        HttpRequest httpRequest = build(request, settings, stream);
        if (stream) {
            HttpResponse<Stream<String>> response = send(httpRequest, HttpResponse.BodyHandlers.ofLines(), settings.timeout());
            if (response.statusCode() / 100 != 2) {
                try (var lines = response.body()) {
                    throw error(response.statusCode(), response.headers(), String.join("\n", lines.limit(50).toList()));
                }
            }
            AnthropicStream events = new AnthropicStream(json);
            boolean done = StreamedLines.read(response.body(), started + settings.timeout().toNanos(), settings.timeout(), events::accept);
            return events.completion(done, settings.model(), Duration.ofNanos(System.nanoTime() - started));
        }
        HttpResponse<String> response = send(httpRequest, HttpResponse.BodyHandlers.ofString(), settings.timeout());
        if (response.statusCode() / 100 != 2) {
            throw error(response.statusCode(), response.headers(), response.body());
        }
        return parse(response.body(), settings.model(), Duration.ofNanos(System.nanoTime() - started));
    }

    static URI endpoint(URI baseUrl) {
        String base = baseUrl == null ? DEFAULT_BASE_URL : baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base.endsWith("/v1") ? base + "/messages" : base + "/v1/messages");
    }

    private HttpRequest build(CompletionRequest request, ProviderSettings settings, boolean stream) throws ProviderException {
        ObjectNode body = json.createObjectNode();
        body.put("model", settings.model());
        body.put("max_tokens", settings.maxTokens());
        body.put("temperature", Math.min(1.0, settings.temperature())); // Anthropic allows 0..1
        StringBuilder system = new StringBuilder();
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) {
            if (m.role() == ChatMessage.Role.SYSTEM) {
                system.append(system.isEmpty() ? "" : "\n\n").append(m.content());
            } else {
                messages.addObject().put("role", m.role().wireName()).put("content", m.content());
            }
        }
        if (!system.isEmpty()) {
            body.put("system", system.toString());
        }
        if (stream) {
            body.put("stream", true);
        }
        URI uri = endpoint(settings.baseUrl());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("anthropic-version", String.valueOf(settings.options().getOrDefault("anthropic_version", DEFAULT_VERSION)));
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        if (settings.hasApiKey()) {
            builder.header("x-api-key", settings.apiKey());
        }
        settings.headers().forEach(builder::header);
        try {
            return builder.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ProviderException(new ProviderError.Rejected(0, "cannot build request: " + e.getMessage()), e);
        }
    }

    private Completion parse(String body, String configuredModel, Duration latency) throws ProviderException {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ProviderException(new ProviderError.BadResponse("body is not JSON (" + e.getOriginalMessage().split(" \\(")[0] + ")"));
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode block : root.path("content")) {
            if ("text".equals(block.path("type").asText())) {
                text.append(block.path("text").asText());
            }
        }
        if (text.toString().isBlank()) {
            throw new ProviderException(new ProviderError.BadResponse("no text in the answer (stop_reason "
                    + root.path("stop_reason").asText("unknown") + ")"));
        }
        JsonNode usage = root.path("usage");
        return new Completion(text.toString(), root.path("model").asText(configuredModel),
                new Completion.Usage(usage.path("input_tokens").asInt(-1), usage.path("output_tokens").asInt(-1)), latency);
    }

    private ProviderException error(int status, HttpHeaders headers, String body) {
        String detail;
        try {
            detail = json.readTree(body).path("error").path("message").asText(body);
        } catch (JsonProcessingException e) {
            detail = body;
        }
        return ProviderHttp.statusError(status == 529 ? 503 : status, ProviderHttp.shorten(detail), retryAfter(headers));
    }

    private static Optional<Duration> retryAfter(HttpHeaders headers) {
        try {
            return headers.firstValue("retry-after").map(v -> Duration.ofMillis((long) (Double.parseDouble(v.strip()) * 1000)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, Duration timeout) throws ProviderException {
        return ProviderHttp.send(http, request, handler, timeout);
    }
}
