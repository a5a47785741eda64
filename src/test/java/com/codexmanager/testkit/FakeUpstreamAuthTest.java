package com.codexmanager.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeUpstreamAuthTest {
    private final TestClock clock = TestClock.create();
    private FakeUpstream fake;
    private UpstreamCalls calls;

    @BeforeEach
    void start() {
        fake = FakeUpstream.start(FakeUpstreamOptions.builder().clock(clock).build());
        calls = new UpstreamCalls(fake);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void code_flow_with_pkce_signs_in_as_the_chosen_account() throws Exception {
        FakeAccount account = fake.createAccount(AccountSpec.builder().planType("pro").build());
        fake.signInAs(account);
        String verifier = Pkce.newVerifier();
        String state = Pkce.newState();

        Map<String, String> callback = authorize(Pkce.challenge(verifier), state);
        HttpResponse<String> exchange = exchange(callback.get("code"), verifier);

        assertThat(callback).containsEntry("state", state);
        assertThat(exchange.statusCode()).isEqualTo(200);
        JsonObject tokens = Json.parseObject(exchange.body());
        assertThat(tokens.keySet()).contains("id_token", "access_token", "refresh_token", "token_type", "expires_in");
        assertThat(tokens.get("expires_in").getAsLong()).isEqualTo(3600);
        JsonObject auth = JwtMinter.claims(tokens.get("id_token").getAsString())
                .getAsJsonObject(JwtMinter.AUTH_CLAIM);
        assertThat(auth.get("chatgpt_account_id").getAsString()).isEqualTo(account.accountId());
        assertThat(auth.get("chatgpt_plan_type").getAsString()).isEqualTo("pro");
        assertThat(account.refreshToken()).isEqualTo(tokens.get("refresh_token").getAsString());
    }

    @Test
    void authorization_code_works_once_and_only_with_its_verifier() throws Exception {
        String verifier = Pkce.newVerifier();
        String code = authorize(Pkce.challenge(verifier), "s").get("code");

        HttpResponse<String> wrongVerifier = exchange(code, Pkce.newVerifier());
        String secondCode = authorize(Pkce.challenge(verifier), "s").get("code");
        HttpResponse<String> first = exchange(secondCode, verifier);
        HttpResponse<String> replay = exchange(secondCode, verifier);

        assertThat(wrongVerifier.statusCode()).isEqualTo(400);
        assertThat(wrongVerifier.body()).contains("invalid_grant");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(fake.accounts()).hasSize(2);
    }

    @Test
    void authorize_rejects_a_redirect_port_that_is_not_registered() throws Exception {
        String url = fake.authorizeUrl("http://localhost:9999/auth/callback", Pkce.challenge("v"), "s");

        HttpResponse<String> response = calls.get(url);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("redirect_uri");
    }

    @Test
    void access_denied_switch_redirects_with_the_missing_entitlement_error() throws Exception {
        fake.failNextAuthorize(AuthorizeFault.ACCESS_DENIED);

        Map<String, String> denied = authorize(Pkce.challenge("v"), "state-1");
        Map<String, String> next = authorize(Pkce.challenge("v"), "state-2");

        assertThat(denied).containsEntry("error", "access_denied").containsEntry("state", "state-1")
                .doesNotContainKey("code");
        assertThat(denied.get("error_description")).contains("missing_codex_entitlement");
        assertThat(next).containsKey("code").containsEntry("state", "state-2");
    }

    @Test
    void wrong_state_switch_returns_a_code_with_another_state() throws Exception {
        fake.failNextAuthorize(AuthorizeFault.WRONG_STATE);

        Map<String, String> callback = authorize(Pkce.challenge("v"), "expected");

        assertThat(callback).containsKey("code");
        assertThat(callback.get("state")).isNotEqualTo("expected");
    }

    @Test
    void refresh_rotates_the_token_and_reuse_gets_refresh_token_reused() throws Exception {
        FakeAccount account = fake.createAccount();
        String original = account.refreshToken();

        HttpResponse<String> first = refreshJson(original);
        HttpResponse<String> reuse = refreshJson(original);
        HttpResponse<String> rotated = refreshForm(account.refreshToken());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(Json.parseObject(first.body()).get("refresh_token").getAsString()).isNotEqualTo(original);
        assertThat(reuse.statusCode()).isEqualTo(401);
        assertThat(Json.parseObject(reuse.body())).isEqualTo(Json.obj("error", Json.obj(
                "code", "refresh_token_reused", "message", "Your refresh token has already been used to generate a"
                        + " new access token. Please try signing in again.")));
        assertThat(rotated.statusCode()).isEqualTo(200);
        assertThat(account.refreshCount()).isEqualTo(3);
        assertThat(account.successfulRefreshCount()).isEqualTo(2);
        assertThat(fake.tokenRequests()).isEqualTo(3);
    }

    @Test
    void fifty_concurrent_refreshes_with_one_token_have_exactly_one_winner() throws Exception {
        FakeAccount account = fake.createAccount();
        String token = account.refreshToken();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tasks.add(() -> refreshJson(token).statusCode());
        }

        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> result : pool.invokeAll(tasks, 10, TimeUnit.SECONDS)) {
                statuses.add(result.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).containsOnly(200, 401);
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        assertThat(fake.refreshCount(account.accountId())).isEqualTo(50);
        assertThat(fake.tokenRequests()).isEqualTo(50);
    }

    @Test
    void scripted_refresh_faults_are_used_one_per_call() throws Exception {
        FakeAccount account = fake.createAccount();
        account.enqueueRefreshFaults(RefreshFault.SERVER_ERROR, RefreshFault.OMIT_ID_TOKEN,
                RefreshFault.REFRESH_TOKEN_EXPIRED);

        HttpResponse<String> transient500 = refreshJson(account.refreshToken());
        HttpResponse<String> withoutIdToken = refreshJson(account.refreshToken());
        HttpResponse<String> expired = refreshJson(account.refreshToken());
        HttpResponse<String> afterExpiry = refreshJson(account.refreshToken());

        assertThat(transient500.statusCode()).isEqualTo(500);
        assertThat(withoutIdToken.statusCode()).isEqualTo(200);
        assertThat(Json.parseObject(withoutIdToken.body()).has("id_token")).isFalse();
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).contains("refresh_token_expired");
        assertThat(afterExpiry.body()).contains("refresh_token_invalidated");
    }

    @Test
    void revoked_refresh_token_is_invalidated() throws Exception {
        FakeAccount account = fake.createAccount();

        HttpResponse<String> revoke = calls.postJson(FakeUpstream.REVOKE_PATH, Json.write(Json.obj(
                "token", account.refreshToken(), "token_type_hint", "refresh_token",
                "client_id", OAuthConstants.CLIENT_ID)));
        HttpResponse<String> refresh = refreshJson(account.refreshToken());

        assertThat(revoke.statusCode()).isEqualTo(200);
        assertThat(refresh.statusCode()).isEqualTo(401);
        assertThat(refresh.body()).contains("refresh_token_invalidated");
    }

    @Test
    void device_flow_is_pending_until_the_user_enters_the_code() throws Exception {
        FakeAccount account = fake.createAccount();
        fake.signInAs(account);
        JsonObject start = Json.parseObject(calls.postJson(FakeUpstream.DEVICE_USERCODE_PATH,
                Json.write(Json.obj("client_id", OAuthConstants.CLIENT_ID))).body());
        String poll = Json.write(Json.obj("device_auth_id", start.get("device_auth_id").getAsString(),
                "user_code", start.get("user_code").getAsString()));

        HttpResponse<String> pending = calls.postJson(FakeUpstream.DEVICE_TOKEN_PATH, poll);
        boolean approved = fake.approveDevice(start.get("user_code").getAsString());
        JsonObject granted = Json.parseObject(calls.postJson(FakeUpstream.DEVICE_TOKEN_PATH, poll).body());
        HttpResponse<String> exchange = calls.postForm(FakeUpstream.TOKEN_PATH, Map.of(
                "grant_type", "authorization_code", "client_id", OAuthConstants.CLIENT_ID,
                "code", granted.get("authorization_code").getAsString(),
                "redirect_uri", fake.issuer() + "/deviceauth/callback",
                "code_verifier", granted.get("code_verifier").getAsString()));

        assertThat(start.get("interval").getAsJsonPrimitive().isString()).isTrue();
        assertThat(pending.statusCode()).isEqualTo(403);
        assertThat(approved).isTrue();
        assertThat(exchange.statusCode()).isEqualTo(200);
        assertThat(account.tokens().accessToken())
                .isEqualTo(Json.parseObject(exchange.body()).get("access_token").getAsString());
    }

    @Test
    void id_token_can_be_exchanged_for_an_api_key_unless_switched_off() throws Exception {
        FakeAccount account = fake.createAccount();
        Map<String, String> form = Map.of("grant_type", OAuthConstants.TOKEN_EXCHANGE_GRANT,
                "client_id", OAuthConstants.CLIENT_ID, "requested_token", "openai-api-key",
                "subject_token", account.tokens().idToken(), "subject_token_type", OAuthConstants.ID_TOKEN_TYPE);

        HttpResponse<String> granted = calls.postForm(FakeUpstream.TOKEN_PATH, form);
        fake.failApiKeyExchange(true);
        HttpResponse<String> refused = calls.postForm(FakeUpstream.TOKEN_PATH, form);

        assertThat(Json.parseObject(granted.body()).get("access_token").getAsString()).startsWith("sk-fake-");
        assertThat(refused.statusCode()).isEqualTo(401);
    }

    @Test
    void access_token_claims_follow_the_codex_layout_and_the_injected_clock() {
        FakeAccount account = fake.createAccount(AccountSpec.builder().accessTokenTtl(Duration.ofSeconds(60))
                .email("a@example.test").build());

        JsonObject claims = account.tokens().accessTokenClaims();

        assertThat(account.accessToken().split("\\.")).hasSize(3).allSatisfy(part -> assertThat(part).isNotEmpty());
        assertThat(claims.get("exp").getAsLong()).isEqualTo(clock.instant().getEpochSecond() + 60);
        assertThat(claims.get("iat").getAsLong()).isEqualTo(clock.instant().getEpochSecond());
        JsonObject auth = claims.getAsJsonObject(JwtMinter.AUTH_CLAIM);
        assertThat(auth.get("chatgpt_account_id").getAsString()).isEqualTo(account.accountId());
        assertThat(auth.get("chatgpt_user_id").getAsString()).isEqualTo(account.userId());
        assertThat(account.tokens().idTokenClaims().get("email").getAsString()).isEqualTo("a@example.test");
        assertThat(account.tokens().toString()).doesNotContain(account.accessToken());
    }

    private Map<String, String> authorize(String challenge, String state) throws Exception {
        HttpResponse<String> response = calls.get(
                fake.authorizeUrl(OAuthConstants.DEFAULT_REDIRECT_URI, challenge, state));
        assertThat(response.statusCode()).isEqualTo(302);
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertThat(location.getPort()).isEqualTo(1455);
        return RecordedRequest.decodePairs(location.getRawQuery());
    }

    private HttpResponse<String> exchange(String code, String verifier) throws Exception {
        return calls.postForm(FakeUpstream.TOKEN_PATH, Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", OAuthConstants.DEFAULT_REDIRECT_URI, "client_id", OAuthConstants.CLIENT_ID,
                "code_verifier", verifier));
    }

    private HttpResponse<String> refreshJson(String refreshToken) throws Exception {
        return calls.postJson(FakeUpstream.TOKEN_PATH, Json.write(Json.obj("client_id", OAuthConstants.CLIENT_ID,
                "grant_type", "refresh_token", "refresh_token", refreshToken)));
    }

    private HttpResponse<String> refreshForm(String refreshToken) throws Exception {
        return calls.postForm(FakeUpstream.TOKEN_PATH, Map.of("client_id", OAuthConstants.CLIENT_ID,
                "grant_type", "refresh_token", "refresh_token", refreshToken, "scope", "openid profile email"));
    }
}
