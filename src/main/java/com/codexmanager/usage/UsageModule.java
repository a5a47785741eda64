package com.codexmanager.usage;

import com.codexmanager.account.Account;
import com.codexmanager.account.AccountService;
import com.codexmanager.account.rpc.AccountsModule;
import com.codexmanager.auth.TokenRefresher;
import com.codexmanager.concurrent.Executors2;
import com.codexmanager.config.Settings;
import com.codexmanager.module.ServiceContext;
import com.codexmanager.module.ServiceModule;
import com.codexmanager.store.ChangeFeed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage windows as a service module: builds the {@link UsageService} on top of the accounts module, registers the
 * {@code account/usage/*} and {@code job/status} RPC methods, adds availability and both windows to
 * {@code account/list} items, fetches usage right after accounts are added or imported, and runs the poller.
 *
 * <p>The gateway is wired with {@link #usage()}: {@code availability}, {@code onRateLimitHeaders},
 * {@code markLimited}. Lifecycle: built after the accounts and auth modules, {@link #start()} starts the poller,
 * {@link #close()} stops the poller, the workers and the HTTP client. Thread-safe.
 */
public final class UsageModule implements ServiceModule {
    private static final Logger log = LoggerFactory.getLogger(UsageModule.class);
    /** Queued refreshes beyond this are refused (counted as failures), so a huge import cannot exhaust memory. */
    static final int MAX_QUEUED_REFRESHES = 100_000;

    private final Supplier<Settings> settings;
    private final UsageClient client;
    private final UsageService usage;
    private final UsageWorkers workers;
    private final UsagePoller poller;
    private final UsageRefreshJobs jobs;

    public UsageModule(ServiceContext context, AccountsModule accounts, TokenRefresher refresher) {
        this(context, accounts, refresher, AccountTraffic.NONE, () -> 0);
    }

    /**
     * @param refresher the auth module's token refresher, for usage calls that meet an expired token
     * @param traffic the request log's traffic per account, for {@code account/usage/forecast}
     * @param logged  how many requests the request log has taken so far
     */
    public UsageModule(ServiceContext context, AccountsModule accounts, TokenRefresher refresher,
            AccountTraffic traffic, java.util.function.LongSupplier logged) {
        this.settings = context.settings()::current;
        int threads = (int) settings.get().number(com.codexmanager.config.Setting.USAGE_REFRESH_WORKERS);
        this.client = new UsageClient(settings, refresher, threads * 2);
        this.usage = new UsageService(new UsageRepository(context.database().sql().relaxed()), client, accounts.accounts(),
                settings, context.clock());
        context.changes().onChange(ChangeFeed.Table.USAGE, usage::reloadLatest);
        this.workers = new UsageWorkers(usage, workerPool(threads), context.clock());
        this.poller = new UsagePoller(usage, workers, settings, Executors2.scheduler("usage-poller"),
                context.random(), context.singleRunner("usage-poller"));
        this.jobs = new UsageRefreshJobs(usage::refreshableAccountIds,
                id -> workers.submit(id, UsagePoller.interval(settings.get())), context.clock());
        UsageRpcMethods.register(context.rpc(), usage, jobs, settings,
                new UsageForecaster(usage, accounts.accounts(), traffic, logged, context.clock()));
        accounts.addListExtension(this::listFields);
        accounts.accounts().addListener(new AccountService.Listener() {
            @Override
            public void accountsSaved(List<String> accountIds) {
                refreshSaved(accountIds);
            }

            @Override
            public void accountsDeleted(List<String> accountIds) {
                accountIds.forEach(usage::forget);
            }
        });
    }

    /** The usage service the gateway calls. */
    public UsageService usage() {
        return usage;
    }

    /** One poll round now, waiting for it (tests and diagnostics; the scheduled rounds keep running). */
    public PollRound pollOnce() {
        return poller.runOnce();
    }

    @Override
    public void start() {
        poller.start();
    }

    @Override
    public void close() {
        poller.close();
        workers.close();
        client.close();
    }

    /**
     * Queues a background usage fetch of one account (the gateway asks for it after a usage-limit answer, so the
     * stored windows confirm the limit). Skipped when automatic fetching is off.
     */
    public void refreshSoon(String accountId) {
        refreshSaved(List.of(accountId));
    }

    /** Fetch usage of new or re-imported accounts in the background, unless automatic fetching is off. */
    private void refreshSaved(List<String> accountIds) {
        if (!UsagePoller.enabled(settings.get())) {
            return;
        }
        for (String id : accountIds) {
            workers.submit(id, UsagePoller.interval(settings.get()));
        }
        log.debug("Queued usage refresh of {} saved accounts", accountIds.size());
    }

    private Map<String, Map<String, Object>> listFields(List<Account> page) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (UsageReport r : usage.reports(page)) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("availabilityStatus", r.availabilityStatus());
            fields.put("usedPercent", r.usedPercent());
            fields.put("windowMinutes", r.windowMinutes());
            fields.put("resetsAt", r.resetsAt());
            fields.put("secondaryUsedPercent", r.secondaryUsedPercent());
            fields.put("secondaryWindowMinutes", r.secondaryWindowMinutes());
            fields.put("secondaryResetsAt", r.secondaryResetsAt());
            out.put(r.accountId(), fields);
        }
        return out;
    }

    private static ThreadPoolExecutor workerPool(int threads) {
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(MAX_QUEUED_REFRESHES), named("usage-worker"));
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
