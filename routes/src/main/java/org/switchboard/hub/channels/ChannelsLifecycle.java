package org.switchboard.hub.channels;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.support.service.ServiceSupport;
import org.switchboard.channel.Channels;
import org.switchboard.channel.SmsChannel;

/**
 * Starts the channels once every route runs (the routes their events go to must be there first) and stops them after
 * the routes have stopped (a dispatcher's submit under way finishes on a live line), before Camel's components close.
 */
public final class ChannelsLifecycle extends ServiceSupport implements ExtendedStartupListener {
    private final Channels channels;
    private final CamelContext camel;

    public ChannelsLifecycle(Channels channels, CamelContext camel) {
        this.channels = channels;
        this.camel = camel;
    }

    /** Registers the lifecycle with {@code camel}, before it starts. */
    public static void install(Channels channels, CamelContext camel) throws Exception {
        for (SmsChannel channel : channels.all()) {
            CamelContextAware.trySetCamelContext(channel, camel);
        }
        ChannelsLifecycle lifecycle = new ChannelsLifecycle(channels, camel);
        camel.addService(lifecycle, true, true);
        camel.addStartupListener(lifecycle);
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // wait for onCamelContextFullyStarted: the routes are not all running yet
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        channels.start(new ChannelEvents(camel.createProducerTemplate()));
    }

    @Override
    protected void doStop() {
        channels.stop();
    }
}
