package dev.kryten.llm.plugins.ollama;

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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.pf4j.Extension;

/**
 * Ollama's native chat API: {@code POST <base_url>/api/chat}. Option {@code stream: true} reads the
 * newline-delimited JSON stream until {@code "done": true}. Options: {@code keep_alive} (how long
 * Ollama keeps the model loaded, e.g. "10m"), {@code options} (Ollama model options such as
 * {@code num_ctx}, merged with temperature and {@code num_predict} = max_tokens).
 * Base URL default {@code http://localhost:11434} (a trailing {@code /v1} or {@code /api} is ignored).
 */
@Extension
public final class OllamaProvider implements LlmProvider {
    static final String DEFAULT_BASE_URL = "http://localhost:11434";

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Runnable::run) // completion steps only hand over a body: no thread hop needed
            .build();
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Set<String> types() {
        return Set.of("ollama");
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
                    throw error(response.statusCode(), String.join("\n", lines.limit(50).toList()));
                }
            }
            OllamaStream chunks = new OllamaStream(json);
            boolean done = StreamedLines.read(response.body(), started + settings.timeout().toNanos(), settings.timeout(), chunks::accept);
            return chunks.completion(done, settings.model(), Duration.ofNanos(System.nanoTime() - started));
        }
        HttpResponse<String> response = send(httpRequest, HttpResponse.BodyHandlers.ofString(), settings.timeout());
        if (response.statusCode() / 100 != 2) {
            throw error(response.statusCode(), response.body());
        }
        OllamaStream single = new OllamaStream(json);
        single.accept(response.body());
        return single.completion(true, settings.model(), Duration.ofNanos(System.nanoTime() - started));
    }

    static URI endpoint(URI baseUrl) {
        String base = baseUrl == null ? DEFAULT_BASE_URL : baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        for (String suffix : new String[] {"/v1", "/api"}) {
            if (base.endsWith(suffix)) {
                base = base.substring(0, base.length() - suffix.length());
            }
        }
        return URI.create(base + "/api/chat");
    }

    private HttpRequest build(CompletionRequest request, ProviderSettings settings, boolean stream) throws ProviderException {
        ObjectNode body = json.createObjectNode();
        body.put("model", settings.model());
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) {
            messages.addObject().put("role", m.role().wireName()).put("content", m.content());
        }
        body.put("stream", stream);
        Object keepAlive = settings.options().get("keep_alive");
        if (keepAlive != null) {
            body.set("keep_alive", json.valueToTree(keepAlive));
        }
        ObjectNode options = body.putObject("options");
        options.put("temperature", settings.temperature());
        options.put("num_predict", settings.maxTokens());
        if (settings.options().get("options") instanceof Map<?, ?> extra) {
            extra.forEach((k, v) -> options.set(String.valueOf(k), json.valueToTree(v)));
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint(settings.baseUrl()))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json");
        if (settings.hasApiKey()) {
            builder.header("Authorization", "Bearer " + settings.apiKey()); // for Ollama behind an authenticating proxy
        }
        settings.headers().forEach(builder::header);
        try {
            return builder.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ProviderException(new ProviderError.Rejected(0, "cannot build request: " + e.getMessage()), e);
        }
    }

    private ProviderException error(int status, String body) {
        String detail;
        try {
            detail = json.readTree(body).path("error").asText(body);
        } catch (JsonProcessingException e) {
            detail = body;
        }
        return ProviderHttp.statusError(status, ProviderHttp.shorten(detail), java.util.Optional.empty());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, Duration timeout) throws ProviderException {
        return ProviderHttp.send(http, request, handler, timeout);
    }
}
