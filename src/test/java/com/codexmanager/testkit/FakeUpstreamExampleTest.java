package com.codexmanager.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The usage example from the testkit hand-over, kept compiling and passing. */
class FakeUpstreamExampleTest {

    @Test
    void usage_limit_on_the_first_account_then_text_on_the_second() throws Exception {
        TestClock clock = TestClock.create();
        try (FakeUpstream fake = FakeUpstream.start(FakeUpstreamOptions.builder().clock(clock).build())) {
            FakeAccount first = fake.createAccount(AccountSpec.builder().planType("plus").build());
            FakeAccount second = fake.createAccount();
            first.enqueue(Scenario.USAGE_LIMIT);

            HttpResponse<String> limited = post(fake, first, "hello");
            HttpResponse<String> answered = post(fake, second, "hello");

            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(SseEvent.parse(answered.body())).last().extracting(SseEvent::type)
                    .isEqualTo("response.completed");
            assertThat(fake.responsesCount(first.accountId())).isEqualTo(1);
            assertThat(fake.lastRequest(FakeUpstream.RESPONSES_PATH).orElseThrow().account())
                    .hasValue(second.accountId());
        }
    }

    private static HttpResponse<String> post(FakeUpstream fake, FakeAccount account, String prompt)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(fake.codexBaseUrl() + "/responses"))
                .header("Authorization", "Bearer " + account.accessToken())
                .header("ChatGPT-Account-ID", account.accountId())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-5.5\",\"instructions\":\"\","
                        + "\"input\":[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                        + "\"text\":\"" + prompt + "\"}]}],\"store\":false,\"stream\":true}"))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
