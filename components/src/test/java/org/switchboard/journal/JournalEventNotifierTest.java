package org.switchboard.journal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.switchboard.store.TestDatabaseExtension;
import org.switchboard.store.TestDatabases;

/** Routes mark hops with the Step EIP; the notifier journals them, on a real CamelContext and PostgreSQL. */
class JournalEventNotifierTest {

    @RegisterExtension
    static final TestDatabaseExtension db = new TestDatabaseExtension();

    private JournalWriter writer;
    private CamelContext camel;
    private JournalReader reader;

    @BeforeEach
    void startCamel() throws Exception {
        TestDatabases.truncateAll(db.dataSource());
        writer = new JournalWriter(db.dataSource());
        reader = new JournalReader(db.dataSource());
        camel = new DefaultCamelContext();
        JournalEventNotifier.install(camel, writer);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:sms-in").routeId("sms-in")
                        .setProperty(Journal.MESSAGE_KIND, constant(JournalKind.INBOUND_SMS.value()))
                        .setProperty(Journal.MESSAGE_ID, header("id"))
                        .step("read")
                            .setProperty(Journal.DETAIL, simple("modem ${header.modem}"))
                        .end()
                        .step("stored")
                            .log("stored ${header.id}")
                        .end()
                        .to("direct:email")
                        .step("emailed")
                            .filter(header("smtpDown"))
                                .throwException(new IllegalStateException("SMTP server 127.0.0.1:3025 refused the connection"))
                            .end()
                            .setProperty(Journal.DETAIL, constant("<sms-1@switchboard.local>"))
                        .end();

                from("direct:email").routeId("render-email")
                        .step("email-rendered")
                            .setBody(simple("SMS from ${header.id}"))
                        .end();

                // Step ids are unique across routes, like all node ids: the second "stored" is qualified.
                from("direct:learns-id").routeId("learns-id")
                        .setProperty(Journal.MESSAGE_KIND, constant(JournalKind.INBOUND_SMS.value()))
                        .step(Journal.stepId("learns-id", "stored"))
                            .setProperty(Journal.MESSAGE_ID, constant(55L))
                        .end();

                from("direct:unmarked").routeId("unmarked")
                        .step("anything")
                            .throwException(new IllegalArgumentException("no kind, no row"))
                        .end();

                from("direct:handled").routeId("handled")
                        .onException(IllegalStateException.class).handled(true).log("bounced: ${exception.message}").end()
                        .setProperty(Journal.MESSAGE_KIND, constant(JournalKind.EMAIL.value()))
                        .setProperty(Journal.MESSAGE_ID, constant("42"))
                        .step("received")
                            .throwException(new IllegalStateException("mail from a stranger"))
                        .end();

                from("direct:caught").routeId("caught")
                        .setProperty(Journal.MESSAGE_KIND, constant(JournalKind.OUTBOUND_SMS.value()))
                        .setProperty(Journal.MESSAGE_ID, constant(10))
                        .doTry()
                            .step(Journal.stepId("caught", "sent"))
                                .throwException(new IllegalStateException("+CMS ERROR: 42"))
                            .end()
                        .endDoTry().doCatch(IllegalStateException.class)
                            .step("retry-scheduled")
                                .setProperty(Journal.DETAIL, constant("next attempt in 1000 ms"))
                            .end()
                        .end();

                from("direct:continued").routeId("continued")
                        .onException(IllegalStateException.class).continued(true).end()
                        .setProperty(Journal.MESSAGE_KIND, constant(JournalKind.OUTBOUND_SMS.value()))
                        .setProperty(Journal.MESSAGE_ID, constant(9))
                        .step("status-report")
                            .throwException(new IllegalStateException("unknown message reference 77"))
                        .end()
                        .step("sent")
                            .log("next")
                        .end();
            }
        });
        camel.start();
    }

    @AfterEach
    void stopCamel() throws Exception {
        camel.close();
        writer.close();
    }

    @Test
    void everyCompletedStepIsAHopWithItsRouteAndDetail() {
        ProducerTemplate template = camel.createProducerTemplate();
        template.sendBodyAndHeaders("direct:sms-in", "Halo", java.util.Map.of("id", 1L, "modem", "modem1"));

        List<Hop> hops = awaitHops(JournalKind.INBOUND_SMS.value(), 1, 4);
        assertEquals(List.of("read", "stored", "email-rendered", "emailed"), hops.stream().map(Hop::hop).toList());
        assertEquals(List.of("sms-in", "sms-in", "render-email", "sms-in"), hops.stream().map(Hop::route).toList());
        assertEquals("modem modem1", hops.get(0).detail());
        assertNull(hops.get(1).detail(), "a detail belongs to the step that set it");
        assertEquals("<sms-1@switchboard.local>", hops.get(3).detail());
        assertTrue(hops.stream().noneMatch(Hop::failed));
    }

    @Test
    void aFailingStepIsItsHopWithTheErrorFollowedByTheExchangesFailure() {
        ProducerTemplate template = camel.createProducerTemplate();
        assertThrows(CamelExecutionException.class, () -> template.sendBodyAndHeaders("direct:sms-in", "Halo",
                java.util.Map.of("id", 2L, "modem", "modem2", "smtpDown", true)));

        List<Hop> hops = awaitHops(JournalKind.INBOUND_SMS.value(), 2, 5);
        assertEquals(List.of("read", "stored", "email-rendered", "emailed", "failed"), hops.stream().map(Hop::hop).toList());
        Hop emailed = hops.get(3);
        assertEquals("SMTP server 127.0.0.1:3025 refused the connection", emailed.error());
        assertEquals("SMTP server 127.0.0.1:3025 refused the connection", hops.get(4).error());
        assertEquals("sms-in", hops.get(4).route());
    }

    @Test
    void aFailureAnErrorHandlerTookOverIsJournalledOnce() {
        camel.createProducerTemplate().sendBody("direct:handled", "mail");

        List<Hop> hops = awaitHops(JournalKind.EMAIL.value(), 42, 2);
        assertEquals(List.of("received", "failed"), hops.stream().map(Hop::hop).toList());
        assertEquals("mail from a stranger", hops.get(0).error());
        assertEquals("mail from a stranger", hops.get(1).error());
        assertEquals("handled by error handler", hops.get(1).detail());
    }

    @Test
    void aFailureTheRouteCatchesItselfIsJournalledByTheRoutesOwnSteps() {
        camel.createProducerTemplate().sendBody("direct:caught", "x");

        List<Hop> hops = awaitHops(JournalKind.OUTBOUND_SMS.value(), 10, 2);
        writer.flush();
        assertEquals(List.of("sent", "retry-scheduled"), hops.stream().map(Hop::hop).toList());
        assertEquals("+CMS ERROR: 42", hops.get(0).error());
        assertNull(hops.get(1).error());
        assertEquals("next attempt in 1000 ms", hops.get(1).detail());
        assertEquals(2, writer.written(), "no failed hop: the route handled it");
    }

    @Test
    void aStepWhoseFailureWasContinuedKeepsItsErrorAndTheNextStepIsClean() {
        camel.createProducerTemplate().sendBody("direct:continued", "x");

        List<Hop> hops = awaitHops(JournalKind.OUTBOUND_SMS.value(), 9, 2);
        assertEquals(List.of("status-report", "sent"), hops.stream().map(Hop::hop).toList());
        assertEquals("unknown message reference 77", hops.get(0).error());
        assertNull(hops.get(1).error());
    }

    @Test
    void theStepThatLearnsTheIdIsJournalledUnderItsUnqualifiedName() {
        camel.createProducerTemplate().sendBody("direct:learns-id", "x");
        List<Hop> hops = awaitHops(JournalKind.INBOUND_SMS.value(), 55, 1);
        assertEquals(List.of("stored"), hops.stream().map(Hop::hop).toList());
        assertEquals("learns-id", hops.get(0).route());
    }

    @Test
    void hopNamesAreStepIdsWithoutTheirQualifier() {
        assertEquals("email-to-sms:stored", Journal.stepId("email-to-sms", "stored"));
        assertEquals("stored", Journal.hopName("email-to-sms:stored"));
        assertEquals("stored", Journal.hopName("stored"));
    }

    @Test
    void exchangesWithoutAMessageKindAreNotJournalled() {
        ProducerTemplate template = camel.createProducerTemplate();
        assertThrows(CamelExecutionException.class, () -> template.sendBody("direct:unmarked", "x"));
        template.sendBodyAndHeaders("direct:sms-in", "Halo", java.util.Map.of("id", 3L, "modem", "modem1"));
        awaitHops(JournalKind.INBOUND_SMS.value(), 3, 4);
        writer.flush();
        assertEquals(4, writer.written());
    }

    @Test
    void installingIntoAContextThatAlreadyRunsWorksToo() throws Exception {
        try (CamelContext late = new DefaultCamelContext()) {
            late.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:late").routeId("late")
                            .setProperty(Journal.MESSAGE_KIND, constant(JournalKind.OUTBOUND_SMS.value()))
                            .setProperty(Journal.MESSAGE_ID, constant(77L))
                            .step("sent").log("sent").end();
                }
            });
            late.start();
            JournalEventNotifier.install(late, writer);
            late.createProducerTemplate().sendBody("direct:late", "x");
        }
        List<Hop> hops = awaitHops(JournalKind.OUTBOUND_SMS.value(), 77, 1);
        assertEquals(List.of("sent"), hops.stream().map(Hop::hop).toList());
        assertEquals("late", hops.get(0).route());
    }

    @Test
    void stepEventsGoToEveryNotifierThatDoesNotIgnoreThem() throws Exception {
        // What install() relies on: the Step EIP always reports; only the notifier's ignore flags filter.
        // EventNotifierSupport ignores nothing by default, SimpleEventNotifierSupport ignores all exchange
        // and step events until told otherwise.
        java.util.List<String> full = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<String> simple = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (CamelContext plain = new DefaultCamelContext()) {
            plain.getManagementStrategy().addEventNotifier(new org.apache.camel.support.EventNotifierSupport() {
                @Override
                public void notify(org.apache.camel.spi.CamelEvent event) {
                    if (event instanceof org.apache.camel.spi.CamelEvent.StepEvent) {
                        full.add(event.getType().name());
                    }
                }
            });
            plain.getManagementStrategy().addEventNotifier(new org.apache.camel.support.SimpleEventNotifierSupport() {
                @Override
                public void notify(org.apache.camel.spi.CamelEvent event) {
                    if (event instanceof org.apache.camel.spi.CamelEvent.StepEvent) {
                        simple.add(event.getType().name());
                    }
                }
            });
            plain.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:plain").step("a").log("a").end();
                }
            });
            plain.start();
            plain.createProducerTemplate().sendBody("direct:plain", "x");
        }
        assertEquals(List.of("StepStarted", "StepCompleted"), full);
        assertTrue(simple.isEmpty(), simple.toString());
    }

    private List<Hop> awaitHops(String kind, long id, int expected) {
        writer.flush();
        return await().atMost(Duration.ofSeconds(10)).until(() -> reader.hops(kind, id), hops -> hops.size() >= expected);
    }
}
