package org.switchboard.hub.calls;

import java.util.List;

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
 * The states calls reached, as the way to the PBX reports them (a list: those that came together): stored first, all
 * in one transaction (each call's row and its history), then each journalled as a hop named after the state
 * ({@code agent-ringing}, ..., {@code failed} with its cause), and a final state counted in
 * {@code switchboard_calls_total{way, state, cause}}. A report about a call that is final already (a late event)
 * changes nothing and leaves no hop.
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

    /** One reported state, and whether the store took it. */
    record Stored(CallTransition transition, boolean recorded) {
    }

    @Override
    public void configure() {
        ChoiceDefinition byState = from(ENDPOINT).routeId(ROUTE)
                .process(this::store)
                .split(body())
                    .filter(e -> e.getIn().getBody(Stored.class).recorded())
                    .setProperty(Journal.MESSAGE_KIND, constant(JournalKind.CALL.value()))
                    .process(e -> {
                        CallTransition t = e.getIn().getBody(Stored.class).transition();
                        e.setProperty(Journal.MESSAGE_ID, t.callId());
                        e.setProperty(STATE, t.state().text());
                    })
                    .choice();
        // One step per state, so that the journal's hop says the state (a step's id is fixed when the route is built).
        for (CallState s : CallState.values()) {
            byState.when(exchangeProperty(STATE).isEqualTo(s.text()))
                    .step(Journal.stepId(ROUTE, s.text())).process(this::journalled).end();
        }
        byState.end().end().end();
    }

    @SuppressWarnings("unchecked")
    private void store(Exchange exchange) {
        List<CallTransition> moves = exchange.getIn().getBody(List.class);
        List<Boolean> recorded = store.recordAll(moves);
        exchange.getIn().setBody(java.util.stream.IntStream.range(0, moves.size())
                .mapToObj(i -> new Stored(moves.get(i), recorded.get(i))).toList());
    }

    private void journalled(Exchange exchange) {
        CallTransition t = exchange.getIn().getBody(Stored.class).transition();
        exchange.setProperty(Journal.DETAIL, (t.cause() == null ? "" : t.cause() + ": ") + t.detail());
        if (t.state().isFinal()) {
            Counter.builder("switchboard.calls").description("Click-to-calls by way and outcome")
                    .tag("way", way).tag("state", t.state().text()).tag("cause", t.cause() == null ? "" : t.cause())
                    .register(meters).increment();
        }
    }
}
