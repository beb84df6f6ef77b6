package org.switchboard.hub.smpp;

import java.util.List;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.switchboard.channel.LineState;
import org.switchboard.channel.smpp.BindView;
import org.switchboard.channel.smpp.SmppChannel;

/**
 * The SMPP meters: per bind of each smpp channel ({@code switchboard_smpp_bind_*}: up, window in use, submits,
 * errors, throttles, binds made, receipts and their latency) and per account of the server
 * ({@code switchboard_smpp_account_binds}; its submits are counted as they come, in {@link SubmitHandler}).
 */
final class SmppMeters {

    private SmppMeters() {
    }

    static void bindChannel(MeterRegistry registry, SmppChannel channel) {
        List<BindView> binds = channel.binds();
        for (int i = 0; i < binds.size(); i++) {
            String bind = binds.get(i).name();
            int at = i;
            gauge(registry, "switchboard.smpp.bind.up", "1 while the bind is bound", channel, bind,
                    c -> c.binds().get(at).state() == LineState.State.READY ? 1 : 0);
            gauge(registry, "switchboard.smpp.bind.window.in.use", "submit_sm outstanding now", channel, bind,
                    c -> c.binds().get(at).windowInUse());
            counter(registry, "switchboard.smpp.bind.submits", "submit_sm answered ESME_ROK", channel, bind,
                    c -> c.binds().get(at).submitted());
            counter(registry, "switchboard.smpp.bind.errors", "submit_sm refused or unanswered", channel, bind,
                    c -> c.binds().get(at).errors());
            counter(registry, "switchboard.smpp.bind.throttled", "ESME_RTHROTTLED or ESME_RMSGQFUL answers", channel,
                    bind, c -> c.binds().get(at).throttled());
            counter(registry, "switchboard.smpp.bind.binds", "binds made (more than one: the bind was lost)", channel,
                    bind, c -> c.binds().get(at).binds());
            counter(registry, "switchboard.smpp.bind.receipts", "receipts matched to a part", channel, bind,
                    c -> c.binds().get(at).receipts());
            counter(registry, "switchboard.smpp.bind.receipt.latency.millis", "sum of the matched receipts' time"
                    + " from submit_sm_resp (divide by receipts for the mean)", channel, bind,
                    c -> c.binds().get(at).receiptLatencyMillis());
        }
    }

    /** The account's binds gauge, from its first bind on (registering it again is a no-op). */
    static void bindAccount(MeterRegistry registry, BoundApps apps, String account) {
        Gauge.builder("switchboard.smpp.account.binds", apps, a -> a.all().stream()
                .filter(b -> b.systemId().equals(account)).count())
                .description("Binds an application's account holds now").tag("account", account).register(registry);
    }

    /** One submit_sm of an account: accepted, or refused with its status. */
    static void submit(MeterRegistry registry, String account, String status) {
        registry.counter("switchboard.smpp.account.submits", "account", account, "status", status).increment();
    }

    private static void gauge(MeterRegistry registry, String name, String description, SmppChannel channel,
            String bind, ToDoubleFunction<SmppChannel> value) {
        Gauge.builder(name, channel, value).description(description).tags("channel", channel.id(), "bind", bind)
                .register(registry);
    }

    private static void counter(MeterRegistry registry, String name, String description, SmppChannel channel,
            String bind, ToDoubleFunction<SmppChannel> value) {
        FunctionCounter.builder(name, channel, value).description(description)
                .tags("channel", channel.id(), "bind", bind).register(registry);
    }
}
