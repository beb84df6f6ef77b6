package org.switchboard.journal;

import java.time.OffsetDateTime;
import java.util.Objects;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeCompletedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailureHandledEvent;
import org.apache.camel.spi.CamelEvent.StepCompletedEvent;
import org.apache.camel.spi.CamelEvent.StepFailedEvent;
import org.apache.camel.spi.CamelEvent.StepStartedEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.ExchangeHelper;
import org.apache.camel.support.service.ServiceHelper;

/**
 * The one place that writes journal hops for every route (see {@link Journal} for the routes' side).
 * <ul>
 * <li>A completed step {@code .step("stored")} (or {@code .step("sms-in:stored")}, see {@link Journal#hopName})
 * becomes hop "stored" with the step's {@link Journal#DETAIL}.</li>
 * <li>A failed step becomes the same hop name with {@code error} set to the exception's message: a hop's
 * name says what was attempted, {@code error == null} says it succeeded. A step whose exception an error
 * handler caught ({@code onException().handled(true)} or {@code continued(true)}) ends "completed" for
 * Camel, but is journalled as failed too.</li>
 * <li>An exchange that ends failed, or whose failure an error handler took over (dead letter channel,
 * {@code onException().handled(true)}), adds hop {@value Journal#HOP_FAILED} with the reason, once. A failure the
 * route catches itself ({@code doTry().doCatch()}) is not one: the route decides what it means (a retry scheduled, an
 * SMS back in the queue) and journals that with steps of its own.</li>
 * </ul>
 * Exchanges without {@link Journal#MESSAGE_KIND} and {@link Journal#MESSAGE_ID} are not journalled.
 */
public final class JournalEventNotifier extends EventNotifierSupport {

    // Set on the exchange once its "failed" hop is written, so the failed and failure-handled events of
    // one exchange give one row.
    private static final String FAILURE_RECORDED = "SwitchboardJournalFailureRecorded";
    // Per step id: the exception already caught when the step started, to tell whether the step caught a new one.
    private static final String CAUGHT_AT_START = "SwitchboardJournalCaughtAtStart.";
    // An error handler took the failure over inside a step; the "failed" hop waits for the exchange's end,
    // so that it comes after the step's own hop.
    private static final String HANDLED_FAILURE = "SwitchboardJournalHandledFailure";

    private final JournalWriter writer;

    public JournalEventNotifier(JournalWriter writer) {
        this.writer = Objects.requireNonNull(writer, "writer");
        // The Step EIP (StepProcessor) reports every step through EventHelper.notifyStep*, which skips only
        // notifiers whose isIgnoreStepEvents() is true; there is no context-wide switch. EventNotifierSupport
        // starts with nothing ignored (SimpleEventNotifierSupport with all exchange and step events ignored),
        // so say explicitly what this notifier wants, and drop the rest to keep the hot path cheap.
        setIgnoreExchangeEvents(false);
        setIgnoreStepEvents(false);
        setIgnoreExchangeFailedEvents(false);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(false);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
    }

    /**
     * Makes {@code context} journal its steps and failures through {@code writer}. Call it before the
     * context starts (camel-main: in a configure or beforeStart hook); after the start it also works.
     * Nothing else is needed: the Step EIP always reports to notifiers that do not ignore step events, and
     * adding a notifier that wants exchange events sets the context's event-notification flag, without
     * which the exchange failed/completed events are not created.
     */
    public static void install(CamelContext context, JournalWriter writer) {
        JournalEventNotifier notifier = new JournalEventNotifier(writer);
        notifier.setCamelContext(context);
        // Adding a notifier that wants exchange events also turns on the context's event-notification flag.
        context.getManagementStrategy().addEventNotifier(notifier);
        if (context.isStarted()) {
            context.getCamelContextExtension().setEventNotificationApplicable(true);
            ServiceHelper.startService(notifier);
        }
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof StepStartedEvent || event instanceof StepCompletedEvent || event instanceof StepFailedEvent
                || event instanceof ExchangeFailedEvent || event instanceof ExchangeFailureHandledEvent
                || event instanceof ExchangeCompletedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((ExchangeEvent) event).getExchange();
        if (event instanceof StepStartedEvent step) {
            // Before the kind/id check: a step may be the one that learns the id (the INSERT of "stored").
            Object caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT);
            if (caught != null) {
                exchange.setProperty(CAUGHT_AT_START + step.getStepId(), caught);
            }
            return;
        }
        String kind = exchange.getProperty(Journal.MESSAGE_KIND, String.class);
        Long id = messageId(exchange);
        if (kind == null || id == null) {
            return;
        }
        String route = route(exchange);
        if (event instanceof StepCompletedEvent step) {
            Object before = exchange.removeProperty(CAUGHT_AT_START + step.getStepId());
            Object caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT);
            String error = caught instanceof Throwable t && caught != before ? reason(t) : null;
            writer.record(new Hop(kind, id, Journal.hopName(step.getStepId()), OffsetDateTime.now(), route, takeDetail(exchange), error));
        } else if (event instanceof StepFailedEvent step) {
            exchange.removeProperty(CAUGHT_AT_START + step.getStepId());
            writer.record(new Hop(kind, id, Journal.hopName(step.getStepId()), OffsetDateTime.now(), route, takeDetail(exchange),
                    reason(exchange.getException())));
        } else if (event instanceof ExchangeFailureHandledEvent handled) {
            // doCatch reports its catch block as a failure handler too, but without the error handler's "handled" mark
            // (and without a dead letter channel): the route caught the failure itself.
            var extension = exchange.getExchangeExtension();
            boolean byErrorHandler = extension.isErrorHandlerHandledSet() && extension.isErrorHandlerHandled();
            if (!byErrorHandler && !handled.isDeadLetterChannel()) {
                return;
            }
            exchange.setProperty(HANDLED_FAILURE, handled.isDeadLetterChannel()
                    ? "to dead letter " + handled.getDeadLetterUri() : "handled by error handler");
        } else if (event instanceof ExchangeFailedEvent) {
            recordFailure(exchange, kind, id, route, exchange.getProperty(HANDLED_FAILURE, String.class));
        } else if (exchange.getProperty(HANDLED_FAILURE) != null) {
            // ExchangeCompletedEvent of an exchange whose failure an error handler took over.
            recordFailure(exchange, kind, id, route, exchange.getProperty(HANDLED_FAILURE, String.class));
        }
    }

    private void recordFailure(Exchange exchange, String kind, long id, String route, String detail) {
        if (exchange.getProperty(FAILURE_RECORDED, false, Boolean.class)) {
            return;
        }
        exchange.setProperty(FAILURE_RECORDED, true);
        Throwable cause = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        writer.record(new Hop(kind, id, Journal.HOP_FAILED, OffsetDateTime.now(), route, detail, reason(cause)));
    }

    private static Long messageId(Exchange exchange) {
        try {
            return exchange.getProperty(Journal.MESSAGE_ID, Long.class);
        } catch (RuntimeException e) {
            // A route that set a non-numeric id gets no journal rather than a failed exchange.
            return null;
        }
    }

    // The route the exchange is in now, which differs from the one that created it after a direct: call.
    private static String route(Exchange exchange) {
        String at = ExchangeHelper.getAtRouteId(exchange);
        return at != null ? at : exchange.getFromRouteId();
    }

    // A detail belongs to the step that set it; removing it keeps the next step from repeating it.
    private static String takeDetail(Exchange exchange) {
        Object detail = exchange.removeProperty(Journal.DETAIL);
        return detail == null ? null : detail.toString();
    }

    private static String reason(Throwable t) {
        if (t == null) {
            return "failed without an exception";
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
