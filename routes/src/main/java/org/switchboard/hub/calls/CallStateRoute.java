package org.switchboard.hub.calls;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ChoiceDefinition;
import org.switchboard.calls.CallState;
import org.switchboard.calls.CallStore;
import org.switchboard.calls.CallTransition;
import org.switchboard.journal.Journal;
import org.switchboard.journal.JournalKind;

/**
 * Each state a call reaches, as the way to the PBX reports it: stored first (the call's row and its history), then
 * journalled as a hop named after the state ({@code agent-ringing}, ..., {@code failed} with its cause), and a final
 * state counted in {@code switchboard_calls_total{way, state, cause}}. A report about a call that is final already (a
 * late event) changes nothing and leaves no hop.
 */
final class CallStateRoute extends RouteBuilder {
    static final String ENDPOINT = "direct:calls-state";
    private static final String ROUTE = "calls-state";
    private static final String STATE = "SwitchboardCallState";

    private final CallStore store;
    private final MeterRegistry meters;
    private final String way;

    CallStateRoute(CallStore store, MeterRegistry meters, String way) {
        this.store = store;
        this.meters = meters;
        this.way = way;
    }

    @Override
    public void configure() {
        ChoiceDefinition byState = from(ENDPOINT).routeId(ROUTE)
                .setProperty(Journal.MESSAGE_KIND, constant(JournalKind.CALL.value()))
                .process(e -> {
                    CallTransition t = e.getIn().getBody(CallTransition.class);
                    e.setProperty(Journal.MESSAGE_ID, t.callId());
                    e.setProperty(STATE, t.state().text());
                })
                .choice();
        // One step per state, so that the journal's hop says the state (a step's id is fixed when the route is built).
        for (CallState s : CallState.values()) {
            byState.when(exchangeProperty(STATE).isEqualTo(s.text()))
                    .step(Journal.stepId(ROUTE, s.text())).process(this::record).end();
        }
        byState.end();
    }

    private void record(Exchange exchange) {
        CallTransition t = exchange.getIn().getBody(CallTransition.class);
        if (!store.record(t)) {
            exchange.removeProperty(Journal.MESSAGE_ID);
            return;
        }
        exchange.setProperty(Journal.DETAIL, (t.cause() == null ? "" : t.cause() + ": ") + t.detail());
        if (t.state().isFinal()) {
            Counter.builder("switchboard.calls").description("Click-to-calls by way and outcome")
                    .tag("way", way).tag("state", t.state().text()).tag("cause", t.cause() == null ? "" : t.cause())
                    .register(meters).increment();
        }
    }
}
